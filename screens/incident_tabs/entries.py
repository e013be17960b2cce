"""The Messages, Checklist, Contracts and Requests tabs: a table each, and the item's detail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from journal import labels
from journal.at_risk import amount_text, amounts_text
from journal.deadlines import days_left, deadline_short, deadline_text, deadline_words
from journal.i18n import N_, _
from journal.links import shown_contracts
from journal.model import Contract, Incident
from journal.money import money_text
from journal.store import Store
from screens.attach import attachment_line
from screens.incident_tabs.common import TableTab, cell, field, line, short_moment
from screens.safe import block, plain

PREVIEW_LINE_CHARS = 400
"""The selected message's first lines under the table are cut to this many characters each (a
1 MiB body of one line is laid out in full only when read with enter)."""


class Messages(TableTab):
    """Messages in time order; enter reads one in full."""

    table_id = "messages-table"
    columns = (N_("When"), N_("Dir"), N_("Channel"), N_("From"), N_("Subject"))
    flex = 4
    caps = {3: 24}
    hint = N_("enter reads the message · a adds one (paste the body) · e edits · o attaches a file · d deletes")

    def rows(self, incident: Incident, now: datetime) -> list[tuple[Text, ...]]:
        arrows = {"received": _("in"), "sent": _("out")}
        return [
            (
                Text(short_moment(m.at)),
                Text(arrows.get(m.direction, m.direction)),
                Text(labels.channel(m.channel)),
                cell(m.sender),
                cell(m.subject),
            )
            for m in incident.messages
        ]

    def items(self, incident: Incident) -> list[Any]:
        return incident.messages

    def detail(self, item: Any) -> list[tuple[Content, Content]]:
        lines = [field(_("Subject:"), plain(item.subject or _("(none)")))]
        body = [text[:PREVIEW_LINE_CHARS] for text in item.body[: PREVIEW_LINE_CHARS * 8].splitlines() if text.strip()]
        lines += [line(plain(text)) for text in body[:3]]
        if item.note:
            lines.append(field(_("My note:"), plain(item.note)))
        lines += [line(attachment_line(a)) for a in item.attachments]
        return lines


class Checklist(TableTab):
    """What to do, ticked with `space` (the moment is recorded)."""

    table_id = "checklist-table"
    columns = (N_("Done"), N_("To do"), N_("Done at"))
    flex = 1
    hint = N_("space ticks/unticks · t ticks at a time you give · a adds · e edits · d deletes")

    def above(self) -> ComposeResult:
        yield Static(id="progress")

    def show_above(self, incident: Incident, now: datetime) -> None:
        done = sum(1 for c in incident.checklist if c.done_at)
        total = len(incident.checklist)
        bar_cells = 20
        filled = round(bar_cells * done / total) if total else 0
        self.query_one("#progress", Static).update(
            Content.assemble(
                ("█" * filled, "$success"),
                ("░" * (bar_cells - filled), "dim"),
                "  " + _("{done} of {total} done").format(done=done, total=total),
            )
        )

    def rows(self, incident: Incident, now: datetime) -> list[tuple[Text, ...]]:
        return [
            (Text("[x]" if c.done_at else "[ ]"), cell(c.text), Text(short_moment(c.done_at) if c.done_at else ""))
            for c in incident.checklist
        ]

    def items(self, incident: Incident) -> list[Any]:
        return incident.checklist

    def detail(self, item: Any) -> list[tuple[Content, Content]]:
        lines = [line(plain(item.text))]
        if item.note:
            lines.append(field(_("Note:"), plain(item.note)))
        return lines


class Contracts(TableTab):
    """The contracts at stake: client, state, deadline in words, money pending, client told.
    A contract linked to the roster shows the roster's client, deadline and money."""

    table_id = "contracts-table"
    columns = (N_("Client"), N_("Contract"), N_("State"), N_("Deadline"), N_("Due"), N_("Money"), N_("Client told"))
    flex = 0
    caps = {1: 14, 5: 36}
    spare = (3,)  # the deadline's date: When says it in words, the detail below in full
    hint = N_("a adds from the roster or by hand · e edits · t: the client was told (at a time) · d deletes")

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
            told = Text(short_moment(c.client_told_at)) if c.client_told_at else Text(_("not told yet"), style="bold")
            rows.append(
                (
                    cell(c.client),
                    cell(c.contract_id),
                    Text(labels.contract_state(c.state)),
                    Text(deadline_short(c.deadline)),
                    when,
                    cell(amounts_text(c.amounts, now) if c.amounts else (money_text(c.pending) or "-")),
                    told,
                )
            )
        return rows

    def items(self, incident: Incident) -> list[Any]:
        return self.shown

    def detail(self, item: Any) -> list[tuple[Content, Content]]:
        lines = [field(_("Client:"), plain(item.client))]
        if item.deadline:
            lines.append(field(_("Deadline:"), Content(deadline_text(item.deadline))))
        for number, amount in enumerate(item.amounts):
            lines.append(field(_("Money:") if number == 0 else "", plain(amount_text(amount))))
        if item.roster_id:
            note = _("{id} (client, deadline and money are the roster's)").format(id=item.roster_id)
            lines.append(field(_("Roster:"), plain(note)))
        if item.note:
            lines.append(field(_("Note:"), plain(item.note)))
        if self.problem:
            lines.append(line(plain(self.problem, "$error")))
        return lines


class Requests(TableTab):
    """What support asked; enter or e answers in place."""

    table_id = "requests-table"
    columns = (N_("Answered"), N_("Asked at"), N_("Question"), N_("Files"))
    flex = 2
    hint = N_("a adds what support asked · enter answers · o attaches a file · r builds the reply · d deletes")

    def rows(self, incident: Incident, now: datetime) -> list[tuple[Text, ...]]:
        return [
            (
                answered_cell(r.answered_at, bool(r.answer.strip())),
                Text(short_moment(r.asked_at)),
                cell(r.question),
                Text(str(len(r.attachments)) if r.attachments else ""),
            )
            for r in incident.requests
        ]

    def items(self, incident: Incident) -> list[Any]:
        return incident.requests

    def detail(self, item: Any) -> list[tuple[Content, Content]]:
        # Files before the answer: a long answer is cut by the detail's height, a file list is short.
        lines = [field(_("Asked:"), plain(item.question))]
        lines += [line(attachment_line(a)) for a in item.attachments]
        answer = block(item.answer) if item.answer else Content(_("(none yet: enter answers)"))
        lines.append(field(_("Answer:"), answer))
        return lines


def answered_cell(answered_at: datetime | None, has_answer: bool) -> Text:
    """The Requests tab's first column, so whether a question is answered shows at any width:
    `✓` and when it was sent, `✎ not sent` for an answer written but not sent yet, or a bold
    `not yet`."""
    if answered_at is not None:
        return Text("✓ " + short_moment(answered_at), style="green")
    if has_answer:
        return Text("✎ " + _("not sent"), style="yellow")
    return Text("✗ " + _("not yet"), style="bold")
