"""The Timeline tab: events in order, with a strip of the days they fall on."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from journal import labels
from journal.i18n import N_, _, ngettext
from journal.model import Incident
from journal.timeshow import format_signed, show_moment
from screens.incident_tabs.common import TableTab, cell, field, short_moment
from screens.safe import plain


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


SYMBOLS = {
    "notice": ("●", "bold $warning"),
    "reply": ("▲", "bold $success"),
    "status": ("◆", "bold $primary"),
    "": ("·", "dim"),
}


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
    scale = ngettext(", {n} day per cell", ", {n} days per cell", per_cell).format(n=per_cell) if per_cell > 1 else ""
    span = ngettext("{n} day", "{n} days", days).format(n=days)
    pieces.append((f" {last.strftime('%m-%d')}  {span}{scale}", "dim"))
    legend = Content.assemble(
        SYMBOLS["notice"],
        " " + _("notice") + "  ",
        SYMBOLS["reply"],
        " " + _("sent/contacted") + "  ",
        SYMBOLS["status"],
        " " + _("status change") + "  ",
        SYMBOLS[""],
        " " + _("quiet day"),
    )
    return Content.assemble(*pieces) + Content("\n") + legend


class Timeline(TableTab):
    """The day strip, then the events with the time since opening and since the previous one."""

    table_id = "events-table"
    columns = (N_("When"), N_("Since opened"), N_("Gap"), N_("Kind"), N_("What"))
    flex = 4
    hint = N_("a adds an event · e edits · d deletes · ctrl+z undoes")

    def above(self) -> ComposeResult:
        yield Static(id="strip")

    def show_above(self, incident: Incident, now: datetime) -> None:
        self.query_one("#strip", Static).update(day_strip(incident, now))

    def rows(self, incident: Incident, now: datetime) -> list[tuple[Text, ...]]:
        rows: list[tuple[Text, ...]] = []
        previous = incident.opened_at
        for e in incident.events:
            rows.append(
                (
                    Text(short_moment(e.at)),
                    Text(format_signed(e.at - incident.opened_at)),
                    Text(format_signed(e.at - previous)),
                    Text(labels.event_kind(e.kind)),
                    cell(labels.event_text(e.kind, e.text)),  # a status change in the reader's language
                )
            )
            previous = e.at
        return rows

    def items(self, incident: Incident) -> list[Any]:
        return incident.events

    def detail(self, item: Any) -> list[tuple[Content, Content]]:
        return [field(show_moment(item.at, with_utc=True), plain(item.text))]
