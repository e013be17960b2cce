"""Forms for the smaller items of an incident: a timeline event, a checklist item, an affected contract
(and the deadline and money fields it shares with the roster form)."""

from __future__ import annotations

from datetime import date, datetime

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Select

from journal import labels, model
from journal.at_risk import amounts_text, parse_amounts
from journal.deadlines import deadline_input, parse_deadline
from journal.errors import JournalError
from journal.i18n import N_, _
from journal.money import money_text, parse_money
from screens.fields import SafeInput, now_word
from screens.forms.base import FormModal, choices, field_row, moment_text, read_moment


class EventForm(FormModal[model.Event]):
    """A timeline event."""

    heading = N_("Timeline event")

    def __init__(self, event: model.Event | None = None) -> None:
        super().__init__()
        self.event = event

    def fields(self) -> ComposeResult:
        e = self.event
        yield field_row(
            _("What"), SafeInput(e.text if e else "", id="text", placeholder=_("what happened"), compact=True)
        )
        yield field_row(
            _("Kind"),
            Select(
                choices(model.EVENT_KINDS, labels.EVENT_KINDS),
                value=e.kind if e else "note",
                id="kind",
                allow_blank=False,
                compact=True,
            ),
        )
        yield field_row(_("When"), SafeInput(moment_text(e.at) if e else now_word(), id="at", compact=True))

    def result(self) -> model.Event:
        text = self.text("text").strip()
        if not text:
            raise ValueError(_("What: say what happened"))
        at = read_moment(self.text("at"), _("When"), app=self.app)
        assert at is not None
        return model.Event(
            at=at, kind=self.choice("kind"), text=text, extra=dict(self.event.extra) if self.event else {}
        )


class ChecklistForm(FormModal[model.ChecklistItem]):
    """A checklist item."""

    heading = N_("Checklist item")

    def __init__(self, item: model.ChecklistItem | None = None) -> None:
        super().__init__()
        self.item = item

    def fields(self) -> ComposeResult:
        i = self.item
        yield field_row(_("To do"), SafeInput(i.text if i else "", id="text", compact=True))
        yield field_row(_("Note"), SafeInput(i.note if i else "", id="note", placeholder=_("optional"), compact=True))

    def result(self) -> model.ChecklistItem:
        text = self.text("text").strip()
        if not text:
            raise ValueError(_("To do: say what to do"))
        i = self.item
        return model.ChecklistItem(
            text=text, done_at=i.done_at if i else None, note=self.text("note"), extra=dict(i.extra) if i else {}
        )


def deadline_row(deadline: date | datetime | None, placeholder: str) -> Horizontal:
    """The Deadline field (`#deadline`) of the contract and roster forms: a date, or a date and
    time. `placeholder` is in the app's language already."""
    value = deadline_input(deadline) if deadline else ""
    return field_row(_("Deadline"), SafeInput(value, id="deadline", placeholder=placeholder, compact=True))


def pending_row(pending: model.Money | None) -> Horizontal:
    """The Pending field (`#pending`) of the contract and roster forms: one money field, `420.00 USD`."""
    value = money_text(pending) if pending else ""
    return field_row(_("Pending"), SafeInput(value, id="pending", placeholder=_("optional: 420.00 USD"), compact=True))


def read_deadline(text: str, label: str | None = None) -> date | datetime | None:
    """A typed deadline (a date, or a date and time: the time is kept), None when empty.
    Raises ValueError naming the field (`label`, default "Deadline" in the app's language)."""
    if not text.strip():
        return None
    try:
        return parse_deadline(text)
    except ValueError as error:
        raise ValueError((label or _("Deadline")) + f": {error}") from None


def read_money(text: str, label: str | None = None) -> model.Money | None:
    """Typed money (`420.00 USD`, parsed strictly), None when empty. Raises ValueError naming
    the field (default "Pending" in the app's language) and saying why (a decimal comma, a
    negative amount, an unknown currency...)."""
    if not text.strip():
        return None
    try:
        return parse_money(text)
    except JournalError as error:
        raise ValueError((label or _("Pending")) + f": {error}") from None


class ContractForm(FormModal[model.Contract]):
    """An affected contract: client, state, deadline (a date or a date and time), money
    pending as one field (`420.00 USD`), when the client was told. For a contract linked to
    the roster, client, contract id, deadline and money are the roster's (saving them changes
    the roster, so every incident and Now read the same)."""

    heading = N_("Affected contract")
    hint = N_(
        "ctrl+s or enter saves · deadline as 2026-11-30 or today 18:00 · money as 420 USD in escrow until 12/09 · "
        "esc leaves"
    )

    def __init__(self, contract: model.Contract | None = None) -> None:
        super().__init__()
        self.contract = contract
        if contract is not None and contract.roster_id:
            self.heading = _("Affected contract (roster {id}: client, deadline and money are the roster's)").format(
                id=contract.roster_id
            )

    def fields(self) -> ComposeResult:
        c = self.contract
        yield field_row(_("Client"), SafeInput(c.client if c else "", id="client", compact=True))
        yield field_row(
            _("Contract id"),
            SafeInput(c.contract_id if c else "", id="contract_id", placeholder=_("optional"), compact=True),
        )
        yield field_row(
            _("State"),
            Select(
                choices(model.CONTRACT_STATES, labels.CONTRACT_STATES),
                value=c.state if c else "paused",
                id="state",
                allow_blank=False,
                compact=True,
            ),
        )
        yield deadline_row(c.deadline if c else None, _("optional: 2026-11-30, +3d, today 18:00"))
        yield pending_row(c.pending if c else None)
        yield field_row(
            _("Money"),
            SafeInput(
                amounts_text(c.amounts) if c else "",
                id="amounts",
                placeholder=_("optional: 420.00 USD in escrow until 12/09; 300 USD held until 2027-05-28"),
                compact=True,
            ),
        )
        yield field_row(
            _("Client told"),
            SafeInput(
                moment_text(c.client_told_at) if c else "",
                id="told",
                placeholder=_("optional: when you told the client (now, -1h)"),
                compact=True,
            ),
        )
        yield field_row(_("Note"), SafeInput(c.note if c else "", id="note", placeholder=_("optional"), compact=True))

    def result(self) -> model.Contract:
        client = self.text("client").strip()
        if not client:
            raise ValueError(_("Client: give the client's name"))
        c = self.contract
        pending = read_money(self.text("pending"))
        if c and c.pending and pending and (c.pending.amount, c.pending.currency) == (pending.amount, pending.currency):
            pending.extra = dict(c.pending.extra)  # unknown keys stay with an unchanged amount
        return model.Contract(
            client=client,
            contract_id=self.text("contract_id").strip(),
            state=self.choice("state"),
            deadline=read_deadline(self.text("deadline")),
            pending=pending,
            roster_id=c.roster_id if c else "",
            client_told_at=read_moment(self.text("told"), _("Client told"), app=self.app, required=False),
            note=self.text("note"),
            amounts=read_amounts(self.text("amounts"), c.amounts if c else []),
            extra=dict(c.extra) if c else {},
        )


def read_amounts(text: str, before: list[model.Amount]) -> list[model.Amount]:
    """Typed money by state (`420.00 USD in escrow until 12/09; ...`); an amount typed as it
    was keeps its unknown keys. Raises ValueError naming the field."""
    try:
        amounts = parse_amounts(text)
    except JournalError as error:
        raise ValueError(_("Money") + f": {error}") from None
    for item in amounts:
        for old in before:
            if (old.money.amount, old.money.currency, old.state, old.changes_on) == (
                item.money.amount,
                item.money.currency,
                item.state,
                item.changes_on,
            ):
                item.extra, item.money.extra = dict(old.extra), dict(old.money.extra)
    return amounts
