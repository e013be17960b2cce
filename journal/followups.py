"""Follow-ups and what needs the user today.

Rules (the command line and the terminal UI both go through `journal.actions`, which applies
them):

- A new incident follows up `follow_up_days` after its opening, from its kind's template.
- A message sent to support that is the latest message sets the follow-up 2 days after it.
- A reply (a message received after one sent) that is the latest message moves the follow-up
  to the kind's default delay after the reply.
- Messages logged with an earlier date than the latest one change nothing.

`now_items` gathers what needs the user today: follow-ups that have passed, support requests
not answered yet, and affected contracts whose deadline is within 3 days (or past).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from journal.index import Problem, Summary
from journal.model import Incident, Message
from journal.store import Store
from journal.timeparse import add_days

SUPPORT_REPLY_DAYS = 2
"""Days to wait for support's reply to a message before following up."""
DEADLINE_SOON_DAYS = 3
"""A deadline this many days away (or fewer, or past) needs the user now."""
NOW_KINDS = ("follow-up", "request", "deadline")


def _later(moment: datetime, days: int) -> datetime | None:
    """`moment` plus `days` calendar days in the local zone (the same clock time, with that
    day's offset: see `timeparse.add_days`), or None past the end of the calendar."""
    try:
        return add_days(moment, days)
    except (OverflowError, ValueError):
        return None


def default_follow_up(opened_at: datetime, days: int) -> datetime | None:
    """The default follow-up moment of a new incident (None when `days` is 0)."""
    return _later(opened_at, days) if days > 0 else None


def after_message(incident: Incident, message: Message, reply_days: int) -> datetime | None:
    """Move the follow-up after `message` was added (see the module rules). `reply_days` is
    the kind's default delay after a reply. Returns the new follow-up moment, or None if
    unchanged."""
    if not incident.is_active or not incident.messages or incident.messages[-1] is not message:
        return None
    if message.direction == "sent":
        incident.follow_up_at = _later(message.at, SUPPORT_REPLY_DAYS) or incident.follow_up_at
        return incident.follow_up_at
    if any(m.direction == "sent" and m.at < message.at for m in incident.messages):
        if reply_days > 0:
            incident.follow_up_at = _later(message.at, reply_days) or incident.follow_up_at
            return incident.follow_up_at
        incident.follow_up_at = None
    return None


@dataclass(frozen=True)
class NowItem:
    """One thing that needs the user today."""

    kind: str
    """`follow-up`, `request` or `deadline`."""
    incident_id: str
    incident_title: str
    text: str
    """What it is about, in one line (a request's question, a client's name)."""
    at: datetime | None = None
    """The follow-up moment, or when support asked."""
    deadline: date | None = None
    """A contract's deadline."""
    index: int | None = None
    """Which request or contract of the incident (0-based)."""

    def days_left(self, today: date) -> int | None:
        """Days from `today` to the deadline (negative when past)."""
        return (self.deadline - today).days if self.deadline else None

    def to_json(self) -> dict[str, Any]:
        """For `now --json`."""
        return {
            "kind": self.kind,
            "incident": self.incident_id,
            "title": self.incident_title,
            "text": self.text,
            "at": self.at.isoformat() if self.at else None,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "index": self.index,
        }


def incident_now_items(incident: Incident, now: datetime) -> list[NowItem]:
    """What needs the user today in one incident (nothing once it is resolved or closed)."""
    if not incident.is_active:
        return []
    items: list[NowItem] = []
    if incident.is_overdue(now):
        items.append(NowItem("follow-up", incident.id, incident.title, "Follow-up due", at=incident.follow_up_at))
    for index, request in enumerate(incident.requests):
        if request.answered_at is None and not request.answer:
            items.append(NowItem("request", incident.id, incident.title, request.question, at=request.asked_at, index=index))
    today = now.astimezone().date()
    for index, contract in enumerate(incident.contracts):
        if contract.state != "ended" and contract.deadline and (contract.deadline - today).days <= DEADLINE_SOON_DAYS:
            items.append(
                NowItem("deadline", incident.id, incident.title, contract.client, deadline=contract.deadline, index=index)
            )
    return items


def _order(item: NowItem) -> tuple[Any, ...]:
    rank = NOW_KINDS.index(item.kind)
    moment = item.at.timestamp() if item.at else float("inf")
    return (rank, item.deadline or date.max, moment, item.incident_id, item.index or 0)


def summary_now_items(summary: Summary, now: datetime) -> list[NowItem]:
    """`incident_now_items` from an incident's summary in the index (no file is opened)."""
    if not summary.is_active:
        return []
    items: list[NowItem] = []
    if summary.is_overdue(now):
        items.append(NowItem("follow-up", summary.id, summary.title, "Follow-up due", at=summary.follow_up_at))
    for index, question, asked in summary.questions:
        at = datetime.fromisoformat(asked) if asked else None
        items.append(NowItem("request", summary.id, summary.title, question, at=at, index=index))
    today = now.astimezone().date()
    for index, client, raw in summary.deadlines:
        deadline = date.fromisoformat(raw)
        if (deadline - today).days <= DEADLINE_SOON_DAYS:
            items.append(NowItem("deadline", summary.id, summary.title, client, deadline=deadline, index=index))
    return items


def now_items(store: Store, now: datetime) -> tuple[list[NowItem], list[Problem]]:
    """Everything that needs the user today across the journal: follow-ups that have passed
    (oldest first), unanswered support requests, then deadlines within 3 days (soonest
    first; a contract copied into several incidents is listed once). Also returns the files
    that could not be read. Read from the index: no incident file is opened."""
    summaries, problems = store.scan()
    items: list[NowItem] = []
    for summary in summaries:
        items += summary_now_items(summary, now)
    items.sort(key=_order)
    seen: set[tuple[str, date | None]] = set()
    unique: list[NowItem] = []
    for item in items:
        if item.kind == "deadline":
            key = (item.text.casefold(), item.deadline)
            if key in seen:
                continue
            seen.add(key)
        unique.append(item)
    return unique, problems
