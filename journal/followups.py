"""Follow-ups and what needs the user today.

Rules (the command line and the terminal UI both go through `journal.actions`, which applies
them):

- A new incident follows up `follow_up_days` after its opening, from its kind's template.
- A message sent to support that is the latest message sets the follow-up 2 days after it.
- A reply (a message received after one sent) that is the latest message moves the follow-up
  to the kind's default delay after the reply.
- Messages logged with an earlier date than the latest one change nothing.

`now_items` gathers what needs the user today: follow-ups that have passed, support requests
not answered yet, and contracts whose deadline is within 3 days (or past): those of the
incidents (a linked contract reads its deadline from the roster), and, while a hold that stops
work with every client is open, every active roster contract, added before or after the hold
(see journal.links).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from journal import links
from journal.deadlines import (
    SOON_DAYS,
    Deadline,
    days_left,
    deadline_from_json,
    deadline_json,
    deadline_key,
    deadline_words,
    is_soon,
)
from journal.i18n import _, ngettext
from journal.index import Problem, Summary
from journal.model import Incident, Message
from journal.roster import RosterContract
from journal.store import Store
from journal.timeparse import add_days

SUPPORT_REPLY_DAYS = 2
"""Days to wait for support's reply to a message before following up."""
DEADLINE_SOON_DAYS = SOON_DAYS
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
    deadline: Deadline | None = None
    """A contract's deadline: a date, or a moment with its offset."""
    index: int | None = None
    """Which request or contract of the incident (0-based); None for a roster contract the
    incident does not list (it is there because the hold stops all work)."""
    roster_id: str = ""
    """The roster entry of a deadline, "" for a contract typed only in an incident."""
    rule_id: str = ""
    """The platform rule a deadline comes from (journal/data/rules), "" for a contract's."""

    def days_left(self, now: datetime) -> int | None:
        """Calendar days from today (local) to the deadline (negative when past)."""
        return days_left(self.deadline, now) if self.deadline is not None else None

    def when(self, now: datetime, lang: str | None = None) -> str:
        """A deadline in words (`today 18:00`, `tomorrow`, `in 3 days`, `2 days ago`) in `lang`
        (default: the app's language); "" otherwise."""
        return deadline_words(self.deadline, now, lang)

    def to_json(self, now: datetime) -> dict[str, Any]:
        """For `now --json`."""
        return {
            "kind": self.kind,
            "incident": self.incident_id,
            "title": self.incident_title,
            "text": self.text,
            "at": self.at.isoformat() if self.at else None,
            "deadline": deadline_json(self.deadline),
            "when": self.when(now, "en") or None,  # JSON reads the same in every language
            "roster_id": self.roster_id or None,
            "rule": self.rule_id or None,
            "index": self.index,
        }


def _order(item: NowItem) -> tuple[Any, ...]:
    rank = NOW_KINDS.index(item.kind)
    moment = item.at.timestamp() if item.at else float("inf")
    return (
        rank,
        deadline_key(item.deadline),
        moment,
        item.incident_id,
        item.index if item.index is not None else 1 << 30,
    )


def summary_now_items(
    summary: Summary, now: datetime, roster: dict[str, RosterContract] | None = None
) -> list[NowItem]:
    """What needs the user today in one incident, from its summary in the index (no file is
    opened); a linked contract's deadline is read from `roster`. Nothing once the incident
    is resolved or closed."""
    if not summary.is_active:
        return []
    roster = roster or {}
    items: list[NowItem] = []
    if summary.is_overdue(now):
        items.append(NowItem("follow-up", summary.id, summary.title, "Follow-up due", at=summary.follow_up_at))
    for index, question, asked in summary.questions:
        at = datetime.fromisoformat(asked) if asked else None
        items.append(NowItem("request", summary.id, summary.title, question, at=at, index=index))
    for entry in summary.deadlines:
        index, client, raw = entry[:3]
        roster_id = entry[3] if len(entry) > 3 else ""
        deadline = deadline_from_json(raw)
        linked = roster.get(roster_id) if roster_id else None
        if linked is not None:
            if not linked.is_active:
                continue
            client, deadline = linked.client, linked.deadline
        if is_soon(deadline, now):
            items.append(
                NowItem(
                    "deadline",
                    summary.id,
                    summary.title,
                    client,
                    deadline=deadline,
                    index=index,
                    roster_id=roster_id if linked is not None else "",
                )
            )
    return items


def rule_deadline_items(store: Store, summaries: list[Summary], now: datetime) -> list[NowItem]:
    """The platform rules' deadlines that need the user now (see journal.deadline_views)."""
    from journal.deadline_views import rule_now_items

    return rule_now_items(store, summaries, now)


def gather(
    summaries: Iterable[Summary], roster: list[RosterContract], now: datetime, extra: list[NowItem] | None = None
) -> list[NowItem]:
    """Everything that needs the user today (see `now_items`), from the index's summaries
    (a list, or a stream read once), the roster and `extra` items (the platform rules'
    deadlines)."""
    table = links.by_id(roster)
    items: list[NowItem] = list(extra or [])
    kinds: dict[str, bool] = {}
    hold: Summary | None = None  # the oldest open hold that stops work (links.open_holds)
    for summary in summaries:  # once: `summaries` may be a stream from the index
        items += summary_now_items(summary, now, table)
        if summary.is_active and links.stops_work(summary, kinds):
            if hold is None or (summary.opened_at, summary.id) < (hold.opened_at, hold.id):
                hold = summary
    if hold is not None:
        for entry in roster:
            if entry.is_active and is_soon(entry.deadline, now):
                items.append(
                    NowItem("deadline", hold.id, hold.title, entry.client, deadline=entry.deadline, roster_id=entry.id)
                )
    items.sort(key=_order)
    seen: set[tuple[str, ...]] = set()
    unique: list[NowItem] = []
    for item in items:
        if item.kind == "deadline" and not item.rule_id:
            # one contract, one line: by its roster id; a contract typed into an incident (no
            # roster id) is the same one as a roster contract of that client and deadline
            typed = ("typed", item.text.casefold(), deadline_json(item.deadline) or "")
            if item.roster_id:
                if ("roster", item.roster_id) in seen or ("unlinked", *typed) in seen:
                    continue
                seen |= {("roster", item.roster_id), typed}
            else:
                if typed in seen:
                    continue
                seen |= {typed, ("unlinked", *typed)}
        unique.append(item)
    return unique


def now_items(store: Store, now: datetime) -> tuple[list[NowItem], list[Problem]]:
    """Everything that needs the user today across the journal: follow-ups that have passed
    (oldest first), unanswered support requests, then deadlines within 3 days (soonest
    first; a contract in several incidents is listed once): the incidents' contracts, while a
    hold that stops work is open every active roster contract, and the platform rules'
    deadlines (journal.deadline_views). Also returns the
    files that could not be read (the roster too). Read from the index and the roster: no
    incident file is opened."""
    summaries, problems = store.scan()
    roster, problem = links.load_roster_quietly(store)
    if problem:
        problems = [*problems, Problem(str(store.data_dir / "contracts.toml"), problem)]
    return gather(summaries, roster, now, rule_deadline_items(store, summaries, now)), problems


def today_line(items: list[NowItem], now: datetime, shown: int = 3) -> str:
    """What needs the user today in one sentence, for the home screen: `2 things need you
    today: Acme's deadline today 18:00; follow up with support on “Account on hold”`; ""
    when nothing does. Questions of one incident are named once, with their count; at most
    `shown` parts are named, the rest counted."""
    if not items:
        return ""
    due: list[str] = []
    parts: list[str] = []
    questions: dict[str, int] = {}
    for item in items:
        if item.kind == "request":
            questions[item.incident_id] = questions.get(item.incident_id, 0) + 1
    asked: set[str] = set()
    for item in items:
        if item.kind == "deadline" and item.rule_id:
            due.append(_("{what}: {when}").format(what=item.text, when=item.when(now)))
        elif item.kind == "deadline":
            due.append(_("{client}'s deadline {when}").format(client=item.text, when=item.when(now)))
        elif item.kind == "follow-up":
            parts.append(_("follow up with support on “{title}”").format(title=item.incident_title))
        elif item.incident_id not in asked:
            asked.add(item.incident_id)
            count = questions[item.incident_id]
            parts.append(
                ngettext(
                    "answer a question from support on “{title}”",
                    "answer {n} questions from support on “{title}”",
                    count,
                ).format(n=count, title=item.incident_title)
            )
    parts = due + parts  # deadlines first: a client waits on them
    named = parts[:shown]
    if len(parts) > shown:
        named.append(_("and {n} more").format(n=len(parts) - shown))
    count = len(items)
    head = ngettext("{n} thing needs you today", "{n} things need you today", count).format(n=count)
    return _("{head}: {parts}").format(head=head, parts=_("; ").join(named))
