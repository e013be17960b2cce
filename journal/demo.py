"""A throw-away demo journal: three sample incidents, so a newcomer sees something real.

The cases follow the kinds of holds in the project's domain notes, in our own words; the
clients, ids and addresses are invented. Moments are placed relative to now.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from journal import clock
from journal.model import (
    ChecklistItem,
    Contract,
    Event,
    Incident,
    Message,
    Money,
    SupportRequest,
)
from journal.store import Store

SUSPENSION_NOTICE = """\
Hi,

We found a potential issue with your contract with Northwind Studio (contract 38211011).
We have paused the contract while we review it. Please do not continue working on this
contract until our review is finished.

No action is needed from you at this time. We will get back to you.

Thanks,
Trust & Safety
"""

HOLD_NOTICE = """\
Hello,

For your protection, we have placed a temporary hold on your account while we review a
recent sign-in. To help us finish the review, please reply with:

1. A screenshot of an IP address checking website, taken without a VPN, with your
   browser's address bar visible.
2. When and where you last accessed your account, and what you did.
3. Which devices you mainly use to access your account (Windows, Mac, iPhone, Android...).
4. Whether you use shared devices, or share your account with anyone.

Regards,
Account Security
"""


def _suspension(now: datetime) -> Incident:
    opened = (now - timedelta(days=4, hours=3)).replace(second=0)
    incident = Incident(
        id="",
        title="Contract with Northwind Studio suspended",
        kind="contract-suspension",
        opened_at=opened,
        follow_up_at=opened + timedelta(days=3),
        summary="Grey card on one contract. The platform is reviewing; no reason given. Other contracts go on.",
        tags=["grey-card"],
    )
    incident.add_message(
        Message(
            at=opened,
            sender="Upwork Trust & Safety",
            subject="Action required: your contract is on hold",
            body=SUSPENSION_NOTICE,
            note="契約一時停止。レビュー終了まで作業しないこと。",
        )
    )
    incident.add_event(Event(at=opened + timedelta(minutes=10), kind="work-paused", text="Stopped work on milestone 2"))
    incident.checklist = [
        ChecklistItem("Stop all work on the suspended contract", done_at=opened + timedelta(minutes=10)),
        ChecklistItem("Record hours and amounts billed before the pause", done_at=opened + timedelta(minutes=25)),
        ChecklistItem("Do not resume until the contract shows as active again"),
        ChecklistItem("Ask support for the status if nothing changes by day 3"),
    ]
    incident.contracts = [
        Contract(
            client="Northwind Studio",
            contract_id="38211011",
            state="paused",
            deadline=(now + timedelta(days=6)).date(),
            pending=Money(Decimal("420.00"), "USD"),
            note="Milestone 2 half done; 12 h billed this week before the pause.",
        )
    ]
    incident.set_status("waiting", opened + timedelta(minutes=30))
    return incident


def _security_review(now: datetime) -> Incident:
    opened = (now - timedelta(days=1, hours=5)).replace(second=0)
    incident = Incident(
        id="",
        title="Account on hold after a security check",
        kind="security-review",
        opened_at=opened,
        follow_up_at=now + timedelta(hours=20),
        summary="Unusual sign-in email; I changed the password and told support. They put the whole account on hold.",
        tags=["yellow-card"],
    )
    incident.add_event(
        Event(
            at=opened - timedelta(minutes=40),
            kind="password-changed",
            text="Changed the password after the verification email",
        )
    )
    incident.add_message(
        Message(
            at=opened - timedelta(minutes=30),
            direction="sent",
            channel="in-app",
            sender="me",
            subject="Unusual sign-in reported",
            body="I got a verification email for a sign-in I did not make. I changed my password. Please check my account.",
        )
    )
    incident.add_message(
        Message(at=opened, sender="Upwork Account Security", subject="Your account is on hold", body=HOLD_NOTICE)
    )
    asked = opened
    incident.requests = [
        SupportRequest(
            question="Screenshot of an IP-check website, taken without VPN, address bar visible",
            asked_at=asked,
            answer="Sent ip-check-no-vpn.png",
            answered_at=opened + timedelta(hours=3),
        ),
        SupportRequest(
            question="When and where did you last access the account, and what did you do?",
            asked_at=asked,
            answer="Yesterday from home in Osaka (Windows laptop): sent a message to a client and checked a timesheet.",
            answered_at=opened + timedelta(hours=3),
        ),
        SupportRequest(question="Which devices do you mainly use for the account?", asked_at=asked),
        SupportRequest(question="Do you use shared devices, or share the account with anyone?", asked_at=asked),
    ]
    incident.checklist = [
        ChecklistItem("Change the password", done_at=opened - timedelta(minutes=40)),
        ChecklistItem("Turn on two-factor authentication", done_at=opened - timedelta(minutes=35)),
        ChecklistItem("Review login history and devices"),
        ChecklistItem("Keep a copy of everything sent to support"),
        ChecklistItem("Tell clients with near deadlines what you can, within the rules"),
    ]
    incident.contracts = [
        Contract(
            client="Sakura Apps 株式会社", contract_id="40177230", deadline=now.date(), note="Release build due today"
        ),
        Contract(client="Blue Harbor Media", contract_id="40022114", deadline=(now + timedelta(days=9)).date()),
    ]
    incident.set_status("action-needed", opened + timedelta(minutes=5))
    return incident


def _payment_hold(now: datetime) -> Incident:
    opened = (now - timedelta(days=40)).replace(hour=10, minute=0, second=0)
    incident = Incident(
        id="",
        title="Withdrawal held for identity verification",
        kind="payment-hold",
        opened_at=opened,
        summary="Withdrawals paused until ID was verified. Resolved after the video check.",
    )
    incident.add_message(
        Message(
            at=opened,
            sender="Upwork Payments",
            subject="Verify your identity to withdraw",
            body="Please verify your identity to continue withdrawing your earnings.",
        )
    )
    incident.add_event(Event(at=opened + timedelta(hours=2), kind="evidence-sent", text="Uploaded passport photo"))
    incident.add_event(Event(at=opened + timedelta(days=2), kind="reinstated", text="Withdrawals enabled again"))
    incident.checklist = [ChecklistItem("Upload an ID document", done_at=opened + timedelta(hours=2))]
    incident.set_status("resolved", opened + timedelta(days=2, hours=1))
    return incident


def _roster(store: Store, now: datetime) -> None:
    """The sample contract roster: the clients of the sample incidents."""
    from journal.roster import add_contract

    added = now - timedelta(days=30)
    add_contract(
        store,
        "Northwind Studio",
        added,
        deadline=(now + timedelta(days=6)).date(),
        contract_id="38211011",
        pending=Money(Decimal("420.00"), "USD"),
        note="Milestone 2",
    )
    add_contract(
        store, "Sakura Apps 株式会社", added, deadline=now.date(), contract_id="40177230", note="Release build"
    )
    add_contract(store, "Blue Harbor Media", added, deadline=(now + timedelta(days=9)).date(), contract_id="40022114")


def write_demo(store: Store, now: datetime | None = None) -> list[str]:
    """Write the sample incidents and the sample contract roster into `store`. Returns the
    incidents' ids."""
    moment = now or clock.now()
    ids = [store.create(make(moment)).id for make in (_suspension, _security_review, _payment_hold)]
    _roster(store, moment)
    return ids


class DemoJournal:
    """A temporary data folder filled with the samples, removed on exit."""

    def __enter__(self) -> Store:
        self.folder = Path(tempfile.mkdtemp(prefix="incident-journal-demo-"))
        store = Store(self.folder / "data", cache_dir=self.folder / "cache")
        write_demo(store)
        return store

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
