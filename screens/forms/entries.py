"""Forms for the smaller items of an incident: a timeline event, a checklist item, an affected contract."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from textual.app import ComposeResult
from textual.widgets import Select

from journal import model
from journal.timeparse import parse_date
from screens.fields import SafeInput
from screens.forms.base import FormModal, choices, field_row, moment_text, read_moment


class EventForm(FormModal[model.Event]):
    """A timeline event."""

    heading = "Timeline event"

    def __init__(self, event: model.Event | None = None) -> None:
        super().__init__()
        self.event = event

    def fields(self) -> ComposeResult:
        e = self.event
        yield field_row("What", SafeInput(e.text if e else "", id="text", placeholder="what happened", compact=True))
        yield field_row(
            "Kind",
            Select(
                choices(model.EVENT_KINDS), value=e.kind if e else "note", id="kind", allow_blank=False, compact=True
            ),
        )
        yield field_row("When", SafeInput(moment_text(e.at) if e else "now", id="at", compact=True))

    def result(self) -> model.Event:
        text = self.text("text").strip()
        if not text:
            raise ValueError("What: say what happened")
        at = read_moment(self.text("at"), "When", app=self.app)
        assert at is not None
        return model.Event(
            at=at, kind=self.choice("kind"), text=text, extra=dict(self.event.extra) if self.event else {}
        )


class ChecklistForm(FormModal[model.ChecklistItem]):
    """A checklist item."""

    heading = "Checklist item"

    def __init__(self, item: model.ChecklistItem | None = None) -> None:
        super().__init__()
        self.item = item

    def fields(self) -> ComposeResult:
        i = self.item
        yield field_row("To do", SafeInput(i.text if i else "", id="text", compact=True))
        yield field_row("Note", SafeInput(i.note if i else "", id="note", placeholder="optional", compact=True))

    def result(self) -> model.ChecklistItem:
        text = self.text("text").strip()
        if not text:
            raise ValueError("To do: say what to do")
        i = self.item
        return model.ChecklistItem(
            text=text, done_at=i.done_at if i else None, note=self.text("note"), extra=dict(i.extra) if i else {}
        )


class ContractForm(FormModal[model.Contract]):
    """An affected contract: client, state, deadline, money pending, when the client was told."""

    heading = "Affected contract"

    def __init__(self, contract: model.Contract | None = None) -> None:
        super().__init__()
        self.contract = contract

    def fields(self) -> ComposeResult:
        c = self.contract
        pending = c.pending if c else None
        yield field_row("Client", SafeInput(c.client if c else "", id="client", compact=True))
        yield field_row(
            "Contract id", SafeInput(c.contract_id if c else "", id="contract_id", placeholder="optional", compact=True)
        )
        yield field_row(
            "State",
            Select(
                choices(model.CONTRACT_STATES),
                value=c.state if c else "paused",
                id="state",
                allow_blank=False,
                compact=True,
            ),
        )
        yield field_row(
            "Deadline",
            SafeInput(
                c.deadline.isoformat() if c and c.deadline else "",
                id="deadline",
                placeholder="optional: 2026-11-30, +3d",
                compact=True,
            ),
        )
        yield field_row(
            "Pending",
            SafeInput(
                str(pending.amount) if pending else "", id="amount", placeholder="optional: 420.00", compact=True
            ),
        )
        yield field_row("Currency", SafeInput(pending.currency if pending else "USD", id="currency", compact=True))
        yield field_row(
            "Client told",
            SafeInput(
                moment_text(c.client_told_at) if c else "",
                id="told",
                placeholder="optional: when you told the client (now, -1h)",
                compact=True,
            ),
        )
        yield field_row("Note", SafeInput(c.note if c else "", id="note", placeholder="optional", compact=True))

    def result(self) -> model.Contract:
        client = self.text("client").strip()
        if not client:
            raise ValueError("Client: give the client's name")
        deadline_text = self.text("deadline").strip()
        try:
            deadline = parse_date(deadline_text) if deadline_text else None
        except ValueError as error:
            raise ValueError(f"Deadline: {error}") from None
        amount_text = self.text("amount").strip().replace(",", "")
        pending = None
        if amount_text:
            try:
                amount = Decimal(amount_text)
            except InvalidOperation:
                raise ValueError(f"Pending: {amount_text!r} is not an amount (e.g. 420.00)") from None
            if not amount.is_finite():
                raise ValueError(f"Pending: {amount_text!r} is not an amount (e.g. 420.00)")
            currency = self.text("currency").strip().upper() or "USD"
            pending = model.Money(amount=amount, currency=currency)
        c = self.contract
        if c and c.pending and pending and (c.pending.amount, c.pending.currency) == (amount, currency):
            pending.extra = dict(c.pending.extra)  # unknown keys stay with an unchanged amount
        return model.Contract(
            client=client,
            contract_id=self.text("contract_id").strip(),
            state=self.choice("state"),
            deadline=deadline,
            pending=pending,
            client_told_at=read_moment(self.text("told"), "Client told", app=self.app, required=False),
            note=self.text("note"),
            extra=dict(c.extra) if c else {},
        )
