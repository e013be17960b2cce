"""Forms, each a typed modal: `ctrl+s` (or enter in a one-line field) submits, `escape`
leaves, asking first when something was typed. A form that cannot be read (a bad time, an
empty title) says so in one line and stays open with everything typed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Generic, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from journal import clock, model
from journal.eml import ParsedEmail
from journal.timeparse import format_moment, parse_date, parse_moment
from screens.fields import SafeInput, visible
from screens.modals import ChoiceModal, ConfirmModal
from screens.safe import error_line, log, plain, tell

R = TypeVar("R")


class SafeTextArea(TextArea):
    """A TextArea that shows control characters in its text as placeholders."""

    def render_line(self, y: int) -> Strip:
        return visible(super().render_line(y))

FORM_CSS = """
FormModal { align: center middle; }
FormModal > Vertical {
    width: 96; max-width: 100%; height: auto; max-height: 100%;
    border: thick $primary; background: $surface; padding: 0 1;
}
FormModal .form-title { text-style: bold; }
FormModal .form-hint { color: $text-muted; }
FormModal VerticalScroll { height: auto; max-height: 1fr; }
FormModal .row { height: auto; margin-top: 1; }
FormModal Horizontal.row { height: 1; margin-top: 0; }
FormModal Horizontal.row Input { background: $boost; }
FormModal .form-title { padding-bottom: 1; }
FormModal .form-hint { padding-top: 1; }
FormModal .row Label { width: 13; padding-right: 1; text-align: right; color: $text-muted; }
FormModal .row Input, FormModal .row Select { width: 1fr; }
FormModal TextArea { height: 10; border: none; padding: 0; }
FormModal TextArea:focus { border: none; }
FormModal TextArea.short { height: 4; }
"""


def moment_text(moment: datetime | None) -> str:
    """A moment as the form shows it (and reads back): `2026-11-20 09:12+09:00`."""
    if moment is None:
        return ""
    return format_moment(moment).replace(" +", "+").replace(" -", "-")


def read_moment(text: str, label: str, required: bool = True) -> datetime | None:
    """A typed moment, or None when empty and not required. Raises ValueError naming the field."""
    if not text.strip():
        if required:
            raise ValueError(f"{label}: give a time (now, -2h, yesterday 9:00, 2026-11-20 09:12)")
        return None
    try:
        return parse_moment(text)
    except ValueError as error:
        raise ValueError(f"{label}: {error}") from None


def field_row(label: str, widget: Widget) -> Horizontal:
    """A label and its field on one line."""
    return Horizontal(Label(Content(label)), widget, classes="row")


def choices(values: tuple[str, ...], labels: dict[str, str] | None = None) -> list[tuple[Content, str]]:
    return [(Content((labels or {}).get(v, v)), v) for v in values]


class FormModal(ModalScreen[R | None], Generic[R]):
    """A form: subclasses give `fields()` and `result()`."""

    DEFAULT_CSS = FORM_CSS
    BINDINGS = [
        Binding("ctrl+s", "submit", "Save", id="form.submit", tooltip="Save what is in the form"),
        Binding("escape", "leave", "Cancel", id="form.cancel", tooltip="Leave the form (asks first if you typed something)"),
    ]
    heading = "Form"
    hint = "ctrl+s saves · escape leaves"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.heading), classes="form-title")
            with VerticalScroll():
                yield from self.fields()
            yield Static(Content(self.hint), classes="form-hint")

    def fields(self) -> ComposeResult:
        yield from ()

    def result(self) -> R:
        raise NotImplementedError

    def on_mount(self) -> None:
        self._initial = self.values()
        first = self.first_field()
        if first is not None:
            first.focus()

    def first_field(self) -> Widget | None:
        """The field the cursor starts in."""
        return next(iter(self.query("Input, TextArea, Select")), None)

    def values(self) -> dict[str, object]:
        """What is in the fields now, by id."""
        out: dict[str, object] = {}
        for widget in self.query("Input, TextArea, Select"):
            if isinstance(widget, Input):
                out[widget.id or ""] = widget.value
            elif isinstance(widget, TextArea):
                out[widget.id or ""] = widget.text
            elif isinstance(widget, Select):
                out[widget.id or ""] = widget.value
        return out

    @property
    def dirty(self) -> bool:
        """True when something differs from what the form opened with."""
        return self.values() != getattr(self, "_initial", self.values())

    def text(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value

    def choice(self, field_id: str) -> str:
        value = self.query_one(f"#{field_id}", Select).value
        return value if isinstance(value, str) else ""

    def action_submit(self) -> None:
        try:
            value = self.result()
        except (ValueError, InvalidOperation) as error:
            tell(self.app, error_line(error), error=True)
            return
        except Exception as error:  # a bug must not close the form and lose what was typed
            log.debug("reading the form failed", exc_info=True)
            tell(self.app, f"Not saved: {error_line(error)}", error=True)
            return
        self.dismiss(value)

    @on(Input.Submitted)
    def enter_submits(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_leave(self) -> None:
        if not self.dirty:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmModal("Leave this form? What you typed will be lost.", yes="Discard", no="Keep editing"), answered
        )


# ---------------------------------------------------------------------- incidents


@dataclass
class IncidentFields:
    """What the incident form gives back."""

    title: str
    kind: str
    platform: str
    opened_at: datetime
    follow_up_at: datetime | None
    summary: str
    contract: str = ""
    """The roster id of the contract a new incident is about ("" for none)."""


class IncidentForm(FormModal[IncidentFields]):
    """A new incident (cursor in the title), or the details of an existing one. For kinds in
    `ask_kinds` (a contract suspension), a new incident may name one of `contracts`, given as
    (label, roster id)."""

    heading = "New incident"

    def __init__(
        self,
        incident: model.Incident | None = None,
        initial: IncidentFields | None = None,
        contracts: list[tuple[str, str]] | None = None,
        ask_kinds: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__()
        self.contracts = contracts or []
        self.ask_kinds = ask_kinds
        if incident is not None:
            self.heading = "Edit incident"
            initial = IncidentFields(
                incident.title, incident.kind, incident.platform, incident.opened_at, incident.follow_up_at, incident.summary
            )
        self.initial = initial

    def fields(self) -> ComposeResult:
        i = self.initial
        yield field_row("Title", SafeInput(i.title if i else "", id="title", placeholder="e.g. Contract with Acme suspended", compact=True))
        yield field_row("Kind", Select(choices(model.KINDS, model.KIND_LABELS), value=i.kind if i else "contract-suspension", id="kind", allow_blank=False, compact=True))
        yield field_row("Platform", SafeInput(i.platform if i else model.DEFAULT_PLATFORM, id="platform", compact=True))
        yield field_row("Opened", SafeInput(moment_text(i.opened_at) if i else "now", id="opened", placeholder="now, -2h, yesterday 9:00, 2026-11-20 09:12", compact=True))
        yield field_row("Follow-up", SafeInput(moment_text(i.follow_up_at) if i else "", id="follow_up", placeholder="optional: +3d, tomorrow 9:00", compact=True))
        if self.contracts:
            options = [(plain(label), roster_id) for label, roster_id in self.contracts]
            chosen = i.contract if i and i.contract in {r for _, r in self.contracts} else Select.NULL
            yield field_row("Contract", Select(options, value=chosen, id="contract", prompt="(optional) which roster contract", compact=True))
        yield Label(Content("Summary (optional, several lines allowed):"), classes="row")
        yield SafeTextArea(i.summary if i else "", id="summary", soft_wrap=True, classes="short")

    def result(self) -> IncidentFields:
        title = self.text("title").strip()
        if not title:
            raise ValueError("Title: give the incident a title")
        opened = read_moment(self.text("opened"), "Opened")
        assert opened is not None
        return IncidentFields(
            title=title,
            kind=self.choice("kind"),
            platform=self.text("platform").strip() or model.DEFAULT_PLATFORM,
            opened_at=opened,
            follow_up_at=read_moment(self.text("follow_up"), "Follow-up", required=False),
            summary=self.query_one("#summary", TextArea).text,
            contract=self.choice("contract") if self.asks_contract() else "",
        )

    def asks_contract(self) -> bool:
        """True when the chosen kind is about one roster contract and the roster has some."""
        return bool(self.contracts) and self.choice("kind") in self.ask_kinds

    def on_mount(self) -> None:  # FormModal.on_mount runs too (Textual calls each class's handler)
        self.show_contract_row()

    @on(Select.Changed, "#kind")
    def show_contract_row(self) -> None:
        for row in self.query("#contract"):
            if row.parent is not None:
                row.parent.display = self.asks_contract()


class FollowUpForm(FormModal[datetime | str]):
    """The next moment to act; empty removes it (returns "")."""

    heading = "Follow-up: when to act next if nothing happens"
    hint = "empty removes the follow-up · ctrl+s or enter saves · escape leaves"

    def __init__(self, current: datetime | None) -> None:
        super().__init__()
        self.current = current

    def fields(self) -> ComposeResult:
        yield field_row("Follow-up", SafeInput(moment_text(self.current), id="moment", placeholder="+3d, tomorrow 9:00, 2026-11-23 09:00", compact=True))

    def result(self) -> datetime | str:
        return read_moment(self.text("moment"), "Follow-up", required=False) or ""


# ---------------------------------------------------------------------- entries


class MessageForm(FormModal[model.Message]):
    """A message: paste the body into the editor (every line is kept), or `ctrl+o` for $EDITOR."""

    heading = "Message"
    hint = "ctrl+s saves · paste a raw email into the body, or ctrl+l reads an .eml file · ctrl+o edits the body in $EDITOR · escape leaves"
    BINDINGS = [
        Binding("ctrl+o", "external_editor", "Body in $EDITOR", id="form.editor", tooltip="Edit the body in your $EDITOR"),
        Binding("ctrl+l", "read_eml", "Read .eml", id="form.read-eml", tooltip="Fill the message from an .eml file"),
    ]

    def __init__(self, message: model.Message | None = None) -> None:
        super().__init__()
        self.message = message
        self.intake: ParsedEmail | None = None
        """The raw email the fields were last filled from (its Message-ID and sha256 are kept)."""

    def fields(self) -> ComposeResult:
        m = self.message
        yield field_row("Direction", Select(choices(model.DIRECTIONS), value=m.direction if m else "received", id="direction", allow_blank=False, compact=True))
        yield field_row("Channel", Select(choices(model.CHANNELS), value=m.channel if m else "email", id="channel", allow_blank=False, compact=True))
        yield field_row("When", SafeInput(moment_text(m.at) if m else "now", id="at", compact=True))
        yield field_row("From", SafeInput(m.sender if m else "", id="sender", placeholder="e.g. Upwork Trust & Safety, me", compact=True))
        yield field_row("Subject", SafeInput(m.subject if m else "", id="subject", compact=True))
        yield field_row("Note", SafeInput(m.note if m else "", id="note", placeholder="optional: your own summary or translation", compact=True))
        yield Label(Content("Body (paste the text exactly as received):"), classes="row")
        yield SafeTextArea(m.body if m else "", id="body", soft_wrap=True, show_line_numbers=False)

    def result(self) -> model.Message:
        at = read_moment(self.text("at"), "When")
        assert at is not None
        body = self.query_one("#body", TextArea).text
        if len(body) > model.MAX_BODY_CHARS:
            raise ValueError(f"Body: {len(body):,} characters; the limit is {model.MAX_BODY_CHARS:,}")
        source = self.intake.message if self.intake else self.message
        if source is not None and self.text("at") == moment_text(source.at):
            at = source.at  # unchanged: keep the offset it was written with (the form shows the local one)
        return model.Message(
            at=at,
            direction=self.choice("direction"),
            channel=self.choice("channel"),
            sender=self.text("sender"),
            subject=self.text("subject"),
            body=body,
            note=self.text("note"),
            message_id=source.message_id if source else "",
            raw_sha256=source.raw_sha256 if source else "",
            extra=dict(self.message.extra) if self.message else {},
        )

    # -------------------------------------------------------------- notice intake

    @on(events.Paste)
    def pasted(self, event: events.Paste) -> None:
        """After a paste into the body: if the body is now a raw email, offer to read it."""
        from journal.eml import looks_like_email
        from screens.intake import PASTE_CHOICES, PASTE_QUESTION

        area = self.query_one("#body", TextArea)
        if self.focused is not area:
            return
        raw = area.text
        if not looks_like_email(raw):
            return

        def chosen(choice: str | None) -> None:
            from screens.intake import BODY_ONLY, KEEP_RAW

            if choice in (BODY_ONLY, KEEP_RAW) and area.text == raw:
                from journal.eml import parse_pasted_email

                try:
                    parsed = parse_pasted_email(raw, clock.now())
                except Exception as error:  # a body over the size limit
                    tell(self.app, error_line(error), error=True)
                    return
                self.fill_from_email(parsed, "the pasted email", replace_body=choice == BODY_ONLY)

        self.app.push_screen(ChoiceModal(PASTE_QUESTION, PASTE_CHOICES), chosen)

    def action_read_eml(self) -> None:
        from screens.intake import EmlPathModal

        def chosen(path: str | None) -> None:
            if not path:
                return
            from pathlib import Path

            from journal.eml import read_eml

            try:
                parsed = read_eml(Path(path).expanduser(), clock.now())
            except Exception as error:
                tell(self.app, error_line(error), error=True)
                return
            self.fill_from_email(parsed, Path(path).name, replace_body=True)

        self.app.push_screen(EmlPathModal(), chosen)

    def fill_from_email(self, parsed: ParsedEmail, source: str, replace_body: bool) -> None:
        """Fill the fields from a read email; the body becomes its text when `replace_body`
        (an edit of the body, so ctrl+z brings back what was there)."""
        from screens.intake import intake_notice

        m = parsed.message
        self.intake = parsed
        self.query_one("#direction", Select).value = m.direction
        self.query_one("#channel", Select).value = m.channel
        self.query_one("#at", Input).value = moment_text(m.at)
        self.query_one("#sender", Input).value = m.sender
        self.query_one("#subject", Input).value = m.subject
        if replace_body:
            area = self.query_one("#body", TextArea)
            area.replace(m.body, (0, 0), area.document.end)
            area.move_cursor((0, 0))
        tell(self.app, intake_notice(parsed, source))

    def action_external_editor(self) -> None:
        """Suspend the app and edit the body in $EDITOR (through a private temp file)."""
        from journal.userfiles import edit_in_editor

        area = self.query_one("#body", TextArea)
        try:
            with self.app.suspend():
                text = edit_in_editor(area.text)
        except Exception as error:  # no editor, suspend not supported (e.g. in tests)
            tell(self.app, error_line(error), error=True)
            return
        if text is not None:
            area.load_text(text)
        area.focus()


class EventForm(FormModal[model.Event]):
    """A timeline event."""

    heading = "Timeline event"

    def __init__(self, event: model.Event | None = None) -> None:
        super().__init__()
        self.event = event

    def fields(self) -> ComposeResult:
        e = self.event
        yield field_row("What", SafeInput(e.text if e else "", id="text", placeholder="what happened", compact=True))
        yield field_row("Kind", Select(choices(model.EVENT_KINDS), value=e.kind if e else "note", id="kind", allow_blank=False, compact=True))
        yield field_row("When", SafeInput(moment_text(e.at) if e else "now", id="at", compact=True))

    def result(self) -> model.Event:
        text = self.text("text").strip()
        if not text:
            raise ValueError("What: say what happened")
        at = read_moment(self.text("at"), "When")
        assert at is not None
        return model.Event(at=at, kind=self.choice("kind"), text=text, extra=dict(self.event.extra) if self.event else {})


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
        return model.ChecklistItem(text=text, done_at=i.done_at if i else None, note=self.text("note"), extra=dict(i.extra) if i else {})


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
        yield field_row("Contract id", SafeInput(c.contract_id if c else "", id="contract_id", placeholder="optional", compact=True))
        yield field_row("State", Select(choices(model.CONTRACT_STATES), value=c.state if c else "paused", id="state", allow_blank=False, compact=True))
        yield field_row("Deadline", SafeInput(c.deadline.isoformat() if c and c.deadline else "", id="deadline", placeholder="optional: 2026-11-30, +3d", compact=True))
        yield field_row("Pending", SafeInput(str(pending.amount) if pending else "", id="amount", placeholder="optional: 420.00", compact=True))
        yield field_row("Currency", SafeInput(pending.currency if pending else "USD", id="currency", compact=True))
        yield field_row("Client told", SafeInput(moment_text(c.client_told_at) if c else "", id="told", placeholder="optional: when you told the client (now, -1h)", compact=True))
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
            client_told_at=read_moment(self.text("told"), "Client told", required=False),
            note=self.text("note"),
            extra=dict(c.extra) if c else {},
        )


@dataclass
class RequestFields:
    """What the request form gives back: the request, and attachment paths still to describe."""

    request: model.SupportRequest
    new_paths: list[str]


class RequestForm(FormModal[RequestFields]):
    """What support asked, and the answer (answered in place later with `e`)."""

    heading = "Support request"
    hint = "ctrl+s saves · attachments: file paths separated by ; · escape leaves"

    def __init__(self, request: model.SupportRequest | None = None) -> None:
        super().__init__()
        self.request = request
        if request is not None:
            self.heading = "Answer the support request"

    def fields(self) -> ComposeResult:
        r = self.request
        yield field_row("Asked", SafeInput(r.question if r else "", id="question", placeholder="what support asked for", compact=True))
        yield field_row("Asked at", SafeInput(moment_text(r.asked_at) if r else "now", id="asked_at", compact=True))
        yield field_row("Answered at", SafeInput(moment_text(r.answered_at) if r else "", id="answered_at", placeholder="when you sent the answer (empty: not yet; 'now')", compact=True))
        paths = "; ".join(a.path for a in r.attachments) if r else ""
        yield field_row("Attachments", SafeInput(paths, id="attachments", placeholder="optional: ~/ip-check.png; ~/devices.txt", compact=True))
        yield Label(Content("Answer:"), classes="row")
        yield SafeTextArea(r.answer if r else "", id="answer", soft_wrap=True)

    def first_field(self) -> Widget | None:
        if self.request is not None:
            return self.query_one("#answer", TextArea)
        return super().first_field()

    def result(self) -> RequestFields:
        question = self.text("question").strip()
        if not question:
            raise ValueError("Asked: say what support asked for")
        answer = self.query_one("#answer", TextArea).text
        answered_at = read_moment(self.text("answered_at"), "Answered at", required=False)
        if answer.strip() and answered_at is None:
            answered_at = clock.now()
        old = {a.path: a for a in self.request.attachments if a.sha256} if self.request else {}
        paths = [p.strip() for p in self.text("attachments").split(";") if p.strip()]
        attachments = [old[p] for p in paths if p in old]
        new_paths = [p for p in paths if p not in old]
        r = self.request
        request = model.SupportRequest(
            question=question,
            asked_at=read_moment(self.text("asked_at"), "Asked at", required=False),
            answer=answer,
            answered_at=answered_at,
            attachments=attachments,
            extra=dict(r.extra) if r else {},
        )
        return RequestFields(request=request, new_paths=new_paths)
