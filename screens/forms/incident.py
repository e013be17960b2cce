"""The new/edit incident form, and the follow-up form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Label, Select, TextArea

from journal import model
from screens.fields import SafeInput
from screens.forms.base import FormModal, SafeTextArea, choices, field_row, moment_text, read_moment
from screens.safe import plain


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
                incident.title,
                incident.kind,
                incident.platform,
                incident.opened_at,
                incident.follow_up_at,
                incident.summary,
            )
        self.initial = initial

    def fields(self) -> ComposeResult:
        i = self.initial
        yield field_row(
            "Title",
            SafeInput(i.title if i else "", id="title", placeholder="e.g. Contract with Acme suspended", compact=True),
        )
        yield field_row(
            "Kind",
            Select(
                choices(model.KINDS, model.KIND_LABELS),
                value=i.kind if i else "contract-suspension",
                id="kind",
                allow_blank=False,
                compact=True,
            ),
        )
        yield field_row("Platform", SafeInput(i.platform if i else model.DEFAULT_PLATFORM, id="platform", compact=True))
        yield field_row(
            "Opened",
            SafeInput(
                moment_text(i.opened_at) if i else "now",
                id="opened",
                placeholder="now, -2h, yesterday 9:00, 2026-11-20 09:12",
                compact=True,
            ),
        )
        yield field_row(
            "Follow-up",
            SafeInput(
                moment_text(i.follow_up_at) if i else "",
                id="follow_up",
                placeholder="optional: +3d, tomorrow 9:00",
                compact=True,
            ),
        )
        if self.contracts:
            options = [(plain(label), roster_id) for label, roster_id in self.contracts]
            chosen = i.contract if i and i.contract in {r for _, r in self.contracts} else Select.NULL
            yield field_row(
                "Contract",
                Select(options, value=chosen, id="contract", prompt="(optional) which roster contract", compact=True),
            )
        yield Label(Content("Summary (optional, several lines allowed):"), classes="row")
        yield SafeTextArea(i.summary if i else "", id="summary", soft_wrap=True, classes="short")

    def result(self) -> IncidentFields:
        title = self.text("title").strip()
        if not title:
            raise ValueError("Title: give the incident a title")
        opened = read_moment(self.text("opened"), "Opened", app=self.app)
        assert opened is not None
        return IncidentFields(
            title=title,
            kind=self.choice("kind"),
            platform=self.text("platform").strip() or model.DEFAULT_PLATFORM,
            opened_at=opened,
            follow_up_at=read_moment(self.text("follow_up"), "Follow-up", app=self.app, required=False),
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
        yield field_row(
            "Follow-up",
            SafeInput(
                moment_text(self.current), id="moment", placeholder="+3d, tomorrow 9:00, 2026-11-23 09:00", compact=True
            ),
        )

    def result(self) -> datetime | str:
        return read_moment(self.text("moment"), "Follow-up", app=self.app, required=False) or ""
