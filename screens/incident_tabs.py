"""The six tabs of an incident: each shows what it is given (attributes down) and the
incident screen handles what the user does with it."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from journal.alerts import incident_alerts
from journal.counters import counters, format_pending
from journal.model import KIND_LABELS, Incident
from journal.text import one_line
from journal.timeparse import format_duration, format_moment, format_signed
from screens.incident_list import WARNING_MARK
from screens.safe import block, plain

MAX_CELL_TEXT = 44
"""Table cells are cut to this many characters (the full text is in the detail view)."""
HEADLINE_TITLE_CHARS = 300
"""A longer title is cut in the headline (a 65,536-character one would push the tabs off the
screen); the edit form shows it whole."""


def cell(text: str, limit: int = MAX_CELL_TEXT) -> Text:
    """A table cell of untrusted text: one safe line, never parsed as markup."""
    line = one_line(text)
    return Text(line if len(line) <= limit else line[: limit - 1] + "…")


def short_moment(moment: datetime | None) -> str:
    """`2026-11-20 09:12` in the local zone (the offset is shown in full views)."""
    return format_moment(moment)[:16] if moment else "-"


def on_hold(incident: Incident, now: datetime) -> timedelta:
    """How long the hold has lasted (until closed, or now)."""
    return max(timedelta(0), (incident.closed_at or now) - incident.opened_at)


def headline(incident: Incident, now: datetime) -> Content:
    """The lines above the tabs: the title, then kind, status, time on hold, follow-up."""
    parts: list[Content | str | tuple[str, str]] = [
        plain(incident.title if len(incident.title) <= HEADLINE_TITLE_CHARS else incident.title[: HEADLINE_TITLE_CHARS - 1] + "…", "bold"),
        "\n",
        KIND_LABELS.get(incident.kind, incident.kind),
        " · ",
        (incident.status, "bold"),
        " · on hold ",
        format_duration(on_hold(incident, now)),
        " · follow-up ",
    ]
    if incident.follow_up_at is None:
        parts.append("none")
    elif incident.is_overdue(now):
        parts.append((short_moment(incident.follow_up_at) + " OVERDUE", "bold red"))
    else:
        parts.append(short_moment(incident.follow_up_at))
    count = counters(incident, now)
    if count.awaiting_reply and count.waiting_on_support is not None:
        parts.append(f" · waiting on support {format_duration(count.waiting_on_support)}")
    alerts = incident_alerts(incident)
    if alerts:
        parts += [" · ", (f"{WARNING_MARK} {len(alerts)} warning{'s' if len(alerts) != 1 else ''} (see Overview)", "bold $warning")]
    return Content.assemble(*parts)


class Overview(VerticalScroll):
    """The incident's details and summary."""

    def compose(self) -> ComposeResult:
        yield Static(id="overview-body")

    def show(self, incident: Incident, now: datetime) -> None:
        rows: list[tuple[str, Content]] = [
            ("Title", plain(incident.title)),
            ("Platform", plain(incident.platform)),
            ("Kind", Content(KIND_LABELS.get(incident.kind, incident.kind))),
            ("Status", Content(incident.status)),
            ("Opened", Content(format_moment(incident.opened_at, with_utc=True))),
        ]
        if incident.closed_at:
            rows.append(("Closed", Content(format_moment(incident.closed_at, with_utc=True))))
        rows.append(("On hold", Content(format_duration(on_hold(incident, now)))))
        count = counters(incident, now)
        if count.waiting_on_support is None:
            rows.append(("Support", Content("no message sent to support yet")))
        else:
            waited = format_duration(count.waiting_on_support)
            since = short_moment(count.waiting_since)
            text = f"waiting {waited} for a reply (sent {since})" if count.awaiting_reply else f"replied after {waited} (sent {since})"
            rows.append(("Support", Content(text)))
        if count.pending:
            rows.append(("Pending", plain(format_pending(count.pending))))
        follow = "none (f sets one)"
        if incident.follow_up_at:
            follow = format_moment(incident.follow_up_at) + (" (overdue)" if incident.is_overdue(now) else "")
        rows.append(("Follow-up", Content(follow)))
        if incident.tags:
            rows.append(("Tags", plain(", ".join(incident.tags))))
        done = sum(1 for c in incident.checklist if c.done_at)
        unanswered = sum(1 for r in incident.requests if r.answered_at is None and not r.answer)
        rows.append((
            "Recorded",
            Content(
                f"{counted(len(incident.messages), 'message')}, {counted(len(incident.events), 'event')}, "
                f"checklist {done}/{len(incident.checklist)}, {counted(len(incident.contracts), 'contract')}, "
                f"{counted(len(incident.requests), 'request')} ({unanswered} unanswered)"
            ),
        ))
        lines = [Content.assemble((f"{label:>10}  ", "dim"), value) for label, value in rows]
        for alert in incident_alerts(incident):
            lines.append(Content(""))
            lines.append(Content.assemble((f"{WARNING_MARK} ", "bold $warning"), plain(alert.line(), "$warning")))
        lines += next_steps(incident)
        lines.append(Content(""))
        lines.append(Content.assemble(("Summary", "bold")))
        lines.append(block(incident.summary) if incident.summary.strip() else Content("(none: e edits the incident)"))
        lines.append(Content(""))
        lines.append(Content.styled("s changes the status · f sets the follow-up · e edits · a adds a timeline note", "dim"))
        self.query_one("#overview-body", Static).update(Content("\n").join(lines))


def counted(number: int, noun: str) -> str:
    """`1 message`, `2 messages`."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


NEXT_STEPS_SHOWN = 5
"""Open checklist items and open support questions listed on the Overview."""


def next_steps(incident: Incident) -> list[Content]:
    """What to do next, on the Overview: the first open checklist items and the questions
    support asked that are not answered yet (a newcomer sees them without looking further)."""
    lines: list[Content] = []
    sections = [
        ("Next to do", [c.text for c in incident.checklist if c.done_at is None], "4 opens the checklist · space ticks"),
        ("Support asks", [r.question for r in incident.requests if r.answered_at is None and not r.answer],
         "6 opens the requests · e answers"),
    ]
    for title, items, hint in sections:
        if not items:
            continue
        lines.append(Content(""))
        lines.append(Content.assemble((title, "bold"), (f"  ({hint})", "dim")))
        for text in items[:NEXT_STEPS_SHOWN]:
            lines.append(Content.assemble(("  • ", "dim"), plain(text)))
        if len(items) > NEXT_STEPS_SHOWN:
            lines.append(Content.styled(f"  … and {len(items) - NEXT_STEPS_SHOWN} more", "dim"))
    return lines


def fill(table: DataTable, rows: list[tuple[Text, ...]]) -> None:
    """Replace a table's rows, keeping the cursor where it was (as far as possible)."""
    row = table.cursor_row
    table.clear()
    for index, values in enumerate(rows):
        table.add_row(*values, key=str(index))
    if rows:
        table.move_cursor(row=min(max(row, 0), len(rows) - 1))


class TableTab(Vertical):
    """A tab with a table of items and, under it, the selected item in full."""

    table_id = ""
    columns: tuple[str, ...] = ()
    hint = ""

    def __init__(self) -> None:
        super().__init__()
        self.incident: Incident | None = None

    def compose(self) -> ComposeResult:
        yield from self.above()
        table: DataTable = DataTable(id=self.table_id, cursor_type="row", zebra_stripes=True)
        table.add_columns(*self.columns)
        yield table
        yield Static(classes="tab-detail")

    def above(self) -> ComposeResult:
        yield from ()

    def show(self, incident: Incident, now: datetime) -> None:
        self.incident = incident
        self.show_above(incident, now)
        fill(self.query_one(DataTable), self.rows(incident, now))
        self.show_detail()

    def show_above(self, incident: Incident, now: datetime) -> None:
        pass

    def rows(self, incident: Incident, now: datetime) -> list[tuple[Text, ...]]:
        return []

    def items(self, incident: Incident) -> list[Any]:
        return []

    def detail(self, item: Any) -> list[Content]:
        return []

    def show_detail(self) -> None:
        box = self.query_one(".tab-detail", Static)
        index = self.query_one(DataTable).cursor_row
        items = self.items(self.incident) if self.incident else []
        lines = self.detail(items[index]) if 0 <= index < len(items) else []
        lines.append(Content.styled(self.hint, "dim"))
        box.update(Content("\n").join(lines))

    def on_data_table_row_highlighted(self) -> None:
        self.show_detail()


def field(label: str, value: Content) -> Content:
    return Content.assemble((label + " ", "bold"), value)


class Messages(TableTab):
    """Messages in time order; enter reads one in full."""

    table_id = "messages-table"
    columns = ("When", "Dir", "Channel", "From", "Subject")
    hint = "enter reads the message · a adds one (paste the body) · e edits"

    def rows(self, incident: Incident, now: datetime) -> list[tuple[Text, ...]]:
        arrows = {"received": "in", "sent": "out"}
        return [
            (Text(short_moment(m.at)), Text(arrows.get(m.direction, m.direction)), Text(m.channel), cell(m.sender, 30), cell(m.subject))
            for m in incident.messages
        ]

    def items(self, incident: Incident) -> list[Any]:
        return incident.messages

    def detail(self, item: Any) -> list[Content]:
        lines = [field("Subject:", plain(item.subject or "(none)"))]
        body = [line for line in item.body.splitlines() if line.strip()][:3]
        lines += [plain(line) for line in body]
        if item.note:
            lines.append(field("My note:", plain(item.note)))
        return lines


def day_marks(incident: Incident) -> dict[date, str]:
    """What happened on each (local) day: `status`, `notice` or `reply`, strongest first."""
    rank = {"status": 3, "notice": 2, "reply": 1}
    marks: dict[date, str] = {}

    def mark(moment: datetime, what: str) -> None:
        day = moment.astimezone().date()
        if rank[what] > rank.get(marks.get(day, ""), 0):
            marks[day] = what

    for m in incident.messages:
        mark(m.at, "notice" if m.direction == "received" else "reply")
    for e in incident.events:
        if e.kind in ("status-changed", "reinstated"):
            mark(e.at, "status")
        elif e.kind in ("notice-received", "support-replied"):
            mark(e.at, "notice")
        elif e.kind in ("support-contacted", "evidence-sent"):
            mark(e.at, "reply")
    return marks


SYMBOLS = {"notice": ("●", "bold $warning"), "reply": ("▲", "bold $success"), "status": ("◆", "bold $primary"), "": ("·", "dim")}


def day_strip(incident: Incident, now: datetime, cells: int = 56) -> Content:
    """One cell per day from opened to resolved (or today), marked where something happened;
    several days per cell when the hold is longer than `cells` days."""
    first = incident.opened_at.astimezone().date()
    last = max(first, (incident.closed_at or now).astimezone().date())
    days = (last - first).days + 1
    per_cell = max(1, math.ceil(days / cells))
    marks = day_marks(incident)
    rank = {"status": 3, "notice": 2, "reply": 1, "": 0}
    pieces: list[Content | str | tuple[str, str]] = [(first.strftime("%m-%d") + " ", "dim")]
    for start in range(0, days, per_cell):
        found = [marks.get(first + timedelta(days=start + k), "") for k in range(per_cell)]
        strongest = max(found, key=lambda what: rank[what])
        pieces.append(SYMBOLS[strongest])
    scale = f", {per_cell} days per cell" if per_cell > 1 else ""
    pieces.append((f" {last.strftime('%m-%d')}  {days} day{'s' if days != 1 else ''}{scale}", "dim"))
    legend = Content.assemble(
        SYMBOLS["notice"], " notice  ", SYMBOLS["reply"], " sent/contacted  ", SYMBOLS["status"], " status change  ",
        SYMBOLS[""], " quiet day",
    )
    return Content.assemble(*pieces) + Content("\n") + legend


class Timeline(TableTab):
    """The day strip, then the events with the time since opening and since the previous one."""

    table_id = "events-table"
    columns = ("When", "Since opened", "Gap", "Kind", "What")
    hint = "a adds an event · e edits the selected one"

    def above(self) -> ComposeResult:
        yield Static(id="strip")

    def show_above(self, incident: Incident, now: datetime) -> None:
        self.query_one("#strip", Static).update(day_strip(incident, now))

    def rows(self, incident: Incident, now: datetime) -> list[tuple[Text, ...]]:
        rows = []
        previous = incident.opened_at
        for e in incident.events:
            rows.append((
                Text(short_moment(e.at)),
                Text(format_signed(e.at - incident.opened_at)),
                Text(format_signed(e.at - previous)),
                Text(e.kind),
                cell(e.text),
            ))
            previous = e.at
        return rows

    def items(self, incident: Incident) -> list[Any]:
        return incident.events

    def detail(self, item: Any) -> list[Content]:
        return [field(format_moment(item.at, with_utc=True), plain(item.text))]


class Checklist(TableTab):
    """What to do, ticked with `space` (the moment is recorded)."""

    table_id = "checklist-table"
    columns = ("Done", "To do", "Done at")
    hint = "space ticks/unticks · a adds · e edits"

    def above(self) -> ComposeResult:
        yield Static(id="progress")

    def show_above(self, incident: Incident, now: datetime) -> None:
        done = sum(1 for c in incident.checklist if c.done_at)
        total = len(incident.checklist)
        bar_cells = 20
        filled = round(bar_cells * done / total) if total else 0
        self.query_one("#progress", Static).update(Content.assemble(
            ("█" * filled, "$success"), ("░" * (bar_cells - filled), "dim"), f"  {done} of {total} done",
        ))

    def rows(self, incident: Incident, now: datetime) -> list[tuple[Text, ...]]:
        return [
            (Text("[x]" if c.done_at else "[ ]"), cell(c.text, 52), Text(short_moment(c.done_at) if c.done_at else ""))
            for c in incident.checklist
        ]

    def items(self, incident: Incident) -> list[Any]:
        return incident.checklist

    def detail(self, item: Any) -> list[Content]:
        lines = [plain(item.text)]
        if item.note:
            lines.append(field("Note:", plain(item.note)))
        return lines


class Contracts(TableTab):
    """The contracts at stake: client, state, deadline and days left, money pending, client told."""

    table_id = "contracts-table"
    columns = ("Client", "Contract", "State", "Deadline", "Left", "Pending", "Client told")
    hint = "a adds a contract · e edits the selected one"

    def rows(self, incident: Incident, now: datetime) -> list[tuple[Text, ...]]:
        today = now.astimezone().date()
        rows = []
        for c in incident.contracts:
            left = Text("")
            if c.deadline:
                days = (c.deadline - today).days
                left = Text(f"{days:+d}d", style="bold red" if days <= 1 and c.state != "ended" else "")
            pending = f"{c.pending.amount} {c.pending.currency}" if c.pending else "-"
            told = Text(short_moment(c.client_told_at)) if c.client_told_at else Text("not yet", style="bold")
            rows.append((
                cell(c.client, 30), cell(c.contract_id, 14), Text(c.state),
                Text(c.deadline.isoformat() if c.deadline else "-"), left, cell(pending, 20), told,
            ))
        return rows

    def items(self, incident: Incident) -> list[Any]:
        return incident.contracts

    def detail(self, item: Any) -> list[Content]:
        lines = [field("Client:", plain(item.client))]
        if item.note:
            lines.append(field("Note:", plain(item.note)))
        return lines


class Requests(TableTab):
    """What support asked; enter or e answers in place."""

    table_id = "requests-table"
    columns = ("Asked", "Question", "Answered", "Files")
    hint = "a adds what support asked · enter answers the selected one"

    def rows(self, incident: Incident, now: datetime) -> list[tuple[Text, ...]]:
        return [
            (
                Text(short_moment(r.asked_at)),
                cell(r.question, 44),
                Text(short_moment(r.answered_at)) if r.answered_at else Text("not yet", style="bold"),
                Text(str(len(r.attachments)) if r.attachments else ""),
            )
            for r in incident.requests
        ]

    def items(self, incident: Incident) -> list[Any]:
        return incident.requests

    def detail(self, item: Any) -> list[Content]:
        lines = [field("Asked:", plain(item.question))]
        lines.append(field("Answer:", block(item.answer) if item.answer else Content("(none yet: enter answers)")))
        for a in item.attachments:
            lines.append(Content.assemble(("File: ", "bold"), plain(a.path), (f"  {a.size:,} bytes  sha256 {a.sha256[:12] or '-'}", "dim")))
        return lines
