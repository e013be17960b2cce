"""The Messages, Checklist, Contracts and Requests tabs: a table each, and the item's detail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from journal.model import Incident
from screens.incident_tabs.common import TableTab, cell, field, short_moment
from screens.safe import block, plain


class Messages(TableTab):
    """Messages in time order; enter reads one in full."""

    table_id = "messages-table"
    columns = ("When", "Dir", "Channel", "From", "Subject")
    hint = "enter reads the message · a adds one (paste the body) · e edits"

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
        return lines


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
            rows.append(
                (
                    cell(c.client, 30),
                    cell(c.contract_id, 14),
                    Text(c.state),
                    Text(c.deadline.isoformat() if c.deadline else "-"),
                    left,
                    cell(pending, 20),
                    told,
                )
            )
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
            lines.append(
                Content.assemble(
                    ("File: ", "bold"), plain(a.path), (f"  {a.size:,} bytes  sha256 {a.sha256[:12] or '-'}", "dim")
                )
            )
        return lines
