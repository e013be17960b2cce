"""The Messages, Checklist, Contracts and Requests tabs: a table each, and the item's detail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from journal.at_risk import amount_text, amounts_text
from journal.deadlines import days_left, deadline_short, deadline_text, deadline_words
from journal.links import shown_contracts
from journal.model import Contract, Incident
from journal.money import money_text
from journal.store import Store
from screens.attach import attachment_line
from screens.incident_tabs.common import TableTab, cell, field, short_moment
from screens.safe import block, plain


class Messages(TableTab):
    """Messages in time order; enter reads one in full."""

    table_id = "messages-table"
    columns = ("When", "Dir", "Channel", "From", "Subject")
    hint = "enter reads the message · a adds one (paste the body) · e edits · o attaches a file · d deletes"

    def rows(self, incident: Incident, now: datetime) -> list[tuple[Text, ...]]:
        arrows = {"received": "in", "sent": "out"}
        return [
            (
                Text(short_moment(m.at)),
                Text(arrows.get(m.direction, m.direction)),
                Text(m.channel),
                cell(m.sender, 30),
                cell(m.subject),
            )
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
        lines += [attachment_line(a) for a in item.attachments]
        return lines


class Checklist(TableTab):
    """What to do, ticked with `space` (the moment is recorded)."""

    table_id = "checklist-table"
    columns = ("Done", "To do", "Done at")
    hint = "space ticks/unticks · t ticks at a time you give · a adds · e edits · d deletes"

    def above(self) -> ComposeResult:
        yield Static(id="progress")

    def show_above(self, incident: Incident, now: datetime) -> None:
        done = sum(1 for c in incident.checklist if c.done_at)
        total = len(incident.checklist)
        bar_cells = 20
        filled = round(bar_cells * done / total) if total else 0
        self.query_one("#progress", Static).update(
            Content.assemble(
                ("█" * filled, "$success"), ("░" * (bar_cells - filled), "dim"), f"  {done} of {total} done"
            )
        )

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
    """The contracts at stake: client, state, deadline in words, money pending, client told.
    A contract linked to the roster shows the roster's client, deadline and money."""

    table_id = "contracts-table"
    columns = ("Client", "Contract", "State", "Deadline", "When", "Money", "Client told")
    hint = "a adds from the roster or by hand · e edits · t: the client was told (at a time) · d deletes"

    def __init__(self, store: Store | None = None) -> None:
        super().__init__()
        self.store = store
        self.shown: list[Contract] = []
        """The incident's contracts as shown (linked ones read from the roster)."""
        self.problem: str | None = None
        """Why the roster could not be read, when a contract is linked to it."""

    def show(self, incident: Incident, now: datetime) -> None:
        self.shown, problem = shown_contracts(self.store, incident) if self.store else (incident.contracts, None)
        self.problem = problem if any(c.roster_id for c in incident.contracts) else None
        super().show(incident, now)

    def rows(self, incident: Incident, now: datetime) -> list[tuple[Text, ...]]:
        rows: list[tuple[Text, ...]] = []
        for c in self.shown:
            when = Text("")
            if c.deadline:
                soon = days_left(c.deadline, now) <= 1 and c.state != "ended"
                when = Text(deadline_words(c.deadline, now), style="bold red" if soon else "")
            told = Text(short_moment(c.client_told_at)) if c.client_told_at else Text("not yet", style="bold")
            rows.append(
                (
                    cell(c.client, 30),
                    cell(c.contract_id, 14),
                    Text(c.state),
                    Text(deadline_short(c.deadline)),
                    when,
                    cell(amounts_text(c.amounts, now) if c.amounts else (money_text(c.pending) or "-"), 36),
                    told,
                )
            )
        return rows

    def items(self, incident: Incident) -> list[Any]:
        return self.shown

    def detail(self, item: Any) -> list[Content]:
        lines = [field("Client:", plain(item.client))]
        if item.deadline:
            lines.append(field("Deadline:", Content(deadline_text(item.deadline))))
        for number, amount in enumerate(item.amounts):
            lines.append(field("Money:" if number == 0 else "", plain(amount_text(amount))))
        if item.roster_id:
            lines.append(field("Roster:", Content(f"{item.roster_id} (client, deadline and money are the roster's)")))
        if item.note:
            lines.append(field("Note:", plain(item.note)))
        if self.problem:
            lines.append(plain(self.problem, "$error"))
        return lines


class Requests(TableTab):
    """What support asked; enter or e answers in place."""

    table_id = "requests-table"
    columns = ("Asked", "Question", "Answered", "Files")
    hint = "a adds what support asked · enter answers · o attaches a file · r builds the reply · d deletes"

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
        # Files before the answer: a long answer is cut by the detail's height, a file list is short.
        lines = [field("Asked:", plain(item.question))]
        lines += [attachment_line(a) for a in item.attachments]
        lines.append(field("Answer:", block(item.answer) if item.answer else Content("(none yet: enter answers)")))
        return lines
