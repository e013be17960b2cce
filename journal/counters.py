"""Counters of an incident: how long on hold, how long waiting on support, what money waits.

Every duration is between two offset-aware moments, so it is the same whatever zone each
moment was written in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from journal import i18n
from journal.i18n import N_
from journal.model import Incident, Message
from journal.timeshow import format_duration


@dataclass(frozen=True)
class Counters:
    """What `show`, `show --json` and the incident screen count for an incident."""

    on_hold: timedelta
    """From opened to resolved/closed, or to now."""
    waiting_since: datetime | None = None
    """When the last message to support was sent; None if none was sent."""
    replied_at: datetime | None = None
    """The first reply after that message; None while none came."""
    waiting_on_support: timedelta | None = None
    """From the last message sent to its reply, or to now (to the closing if it ended unanswered)."""
    pending: dict[str, Decimal] = field(default_factory=dict)
    """Money pending across the affected contracts, per currency (sorted by code)."""

    @property
    def days_on_hold(self) -> int:
        """Whole days on hold."""
        return max(0, self.on_hold.days)

    @property
    def awaiting_reply(self) -> bool:
        """True while a message to support has no reply yet."""
        return self.waiting_since is not None and self.replied_at is None

    def to_json(self) -> dict[str, Any]:
        """The counters for `show --json`: seconds as whole numbers, amounts as text."""
        return {
            "on_hold_seconds": int(self.on_hold.total_seconds()),
            "days_on_hold": self.days_on_hold,
            "waiting_since": self.waiting_since.isoformat() if self.waiting_since else None,
            "replied_at": self.replied_at.isoformat() if self.replied_at else None,
            "waiting_on_support_seconds": (
                int(self.waiting_on_support.total_seconds()) if self.waiting_on_support is not None else None
            ),
            "awaiting_reply": self.awaiting_reply,
            "pending": {currency: str(amount) for currency, amount in self.pending.items()},
        }

    def lines(self, lang: str | None = None) -> list[tuple[str, str]]:
        """(label, value) rows for a human view, in `lang` (en or ja; default the app's
        language): `on hold`, `support`, `pending` (`保留期間`, `サポート`, `未払い`)."""
        say = i18n.translations(lang).gettext
        rows = [(say(N_("on hold")), format_duration(self.on_hold, lang))]
        if self.waiting_on_support is not None:
            waited = format_duration(self.waiting_on_support, lang)
            text = (
                say(N_("waiting {duration} for a reply"))
                if self.awaiting_reply
                else say(N_("replied after {duration}"))
            )
            rows.append((say(N_("support")), text.format(duration=waited)))
        if self.pending:
            rows.append((say(N_("pending")), format_pending(self.pending)))
        return rows


def last_sent(messages: list[Message]) -> Message | None:
    """The latest message sent to support, if any."""
    sent = [m for m in messages if m.direction == "sent"]
    return max(sent, key=lambda m: m.at) if sent else None


def first_reply_after(messages: list[Message], moment: datetime) -> Message | None:
    """The first message received after `moment`, if any."""
    replies = [m for m in messages if m.direction == "received" and m.at > moment]
    return min(replies, key=lambda m: m.at) if replies else None


def pending_totals(incident: Incident) -> dict[str, Decimal]:
    """Sum of the pending amounts of the affected contracts, per currency, exactly."""
    totals: dict[str, Decimal] = {}
    for contract in incident.contracts:
        if contract.pending is not None:
            currency = contract.pending.currency
            totals[currency] = totals.get(currency, Decimal(0)) + contract.pending.amount
    return dict(sorted(totals.items()))


def format_pending(totals: dict[str, Decimal]) -> str:
    """`420.00 USD, 15000 JPY`."""
    return ", ".join(f"{amount} {currency}" for currency, amount in totals.items())


def counters(incident: Incident, now: datetime) -> Counters:
    """The counters of an incident at `now`."""
    end = incident.closed_at or now
    sent = last_sent(incident.messages)
    reply = first_reply_after(incident.messages, sent.at) if sent else None
    waiting = None
    if sent is not None:
        stop = reply.at if reply else end
        waiting = max(timedelta(0), stop - sent.at)
    return Counters(
        on_hold=max(timedelta(0), end - incident.opened_at),
        waiting_since=sent.at if sent else None,
        replied_at=reply.at if reply else None,
        waiting_on_support=waiting,
        pending=pending_totals(incident),
    )
