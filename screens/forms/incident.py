"""The new/edit incident form, and the follow-up form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Checkbox, Label, Select, Static, TextArea

from journal import kinds, labels, model
from journal.i18n import N_, _
from journal.links import kind_stops_work
from journal.templates import current_language
from screens.fields import SafeInput, now_word
from screens.forms.base import FORM_TCSS, FormModal, SafeTextArea, choices, field_row, moment_text, read_moment
from screens.hanging import Paragraph
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
    stops_work: bool | None = None
    """The hold stops work with every client; None: as the kind says (journal.links)."""


def stops_work_label(value: bool) -> Content:
    """The stop-work box's label, saying its state in words (not only by colour)."""
    state = _("yes") if value else _("no")
    return Content.assemble(_("Stops all client work:") + " ", (state, "bold"))


class IncidentForm(FormModal[IncidentFields]):
    """A new incident (cursor in the title), or the details of an existing one. For kinds in
    `ask_kinds` (a contract suspension), a new incident may name one of `contracts`, given as
    (label, roster id)."""

    heading = N_("New incident")
    hint = N_("ctrl+s saves · ctrl+g: what the hold words mean · escape leaves")
    BINDINGS = [
        Binding(
            "ctrl+g",
            "glossary",
            N_("Glossary"),
            id="form.glossary",
            tooltip=N_("What each word the platform uses for a hold means, and what still works during it"),
        ),
    ]
    CSS_PATH = [FORM_TCSS, "incident.tcss"]
    """The left room of the lines under the fields follows the labels' width (`size_labels`)."""

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
        self.shown_kind = ""
        """The kind the stops-work box was last set for."""
        if incident is not None:
            self.heading = N_("Edit incident")
            initial = IncidentFields(
                incident.title,
                incident.kind,
                incident.platform,
                incident.opened_at,
                incident.follow_up_at,
                incident.summary,
                stops_work=incident.stops_work,
            )
        self.initial = initial

    def fields(self) -> ComposeResult:
        i = self.initial
        yield field_row(
            _("Title"),
            SafeInput(
                i.title if i else "", id="title", placeholder=_("e.g. Contract with Acme suspended"), compact=True
            ),
        )
        yield field_row(
            _("Kind"),
            Select(
                choices(model.KINDS, labels.KINDS),
                value=i.kind if i else "contract-suspension",
                id="kind",
                allow_blank=False,
                compact=True,
            ),
        )
        yield Paragraph(id="kind-about", classes="kind-about")
        yield field_row(
            _("Platform"), SafeInput(i.platform if i else model.DEFAULT_PLATFORM, id="platform", compact=True)
        )
        yield field_row(
            _("Opened"),
            SafeInput(
                moment_text(i.opened_at) if i else now_word(),
                id="opened",
                placeholder=_("now, -2h, yesterday 9:00, 2026-11-20 09:12"),
                compact=True,
            ),
        )
        yield field_row(
            _("Follow-up"),
            SafeInput(
                moment_text(i.follow_up_at) if i else "",
                id="follow_up",
                placeholder=_("optional: +3d, tomorrow 9:00"),
                compact=True,
            ),
        )
        if self.contracts:
            options = [(plain(label), roster_id) for label, roster_id in self.contracts]
            chosen = i.contract if i and i.contract in {r for _, r in self.contracts} else Select.NULL
            yield field_row(
                _("Contract"),
                Select(
                    options, value=chosen, id="contract", prompt=_("(optional) which roster contract"), compact=True
                ),
            )
        kind = i.kind if i else "contract-suspension"
        stops = i.stops_work if i and i.stops_work is not None else kind_stops_work(kind)
        yield Checkbox(stops_work_label(stops), stops, id="stops_work", compact=True, classes="row")
        yield Paragraph(Content(_("yes: the roster's deadlines are listed in Now")), classes="stops-about")
        yield Label(Content(_("Summary (optional, several lines allowed):")), classes="row")
        yield SafeTextArea(i.summary if i else "", id="summary", soft_wrap=True, classes="short")

    def result(self) -> IncidentFields:
        title = self.text("title").strip()
        if not title:
            raise ValueError(_("Title: give the incident a title"))
        opened = read_moment(self.text("opened"), _("Opened"), app=self.app)
        assert opened is not None
        return IncidentFields(
            title=title,
            kind=self.choice("kind"),
            platform=self.text("platform").strip() or model.DEFAULT_PLATFORM,
            opened_at=opened,
            follow_up_at=read_moment(self.text("follow_up"), _("Follow-up"), app=self.app, required=False),
            summary=self.query_one("#summary", TextArea).text,
            contract=self.choice("contract") if self.asks_contract() else "",
            stops_work=self.stops_work(),
        )

    def stops_work(self) -> bool | None:
        """The box's value when it differs from what the kind says, else None (as the kind)."""
        value = self.query_one("#stops_work", Checkbox).value
        return None if value == kind_stops_work(self.choice("kind")) else value

    def asks_contract(self) -> bool:
        """True when the chosen kind is about one roster contract and the roster has some."""
        return bool(self.contracts) and self.choice("kind") in self.ask_kinds

    def on_mount(self) -> None:  # FormModal.on_mount runs too (Textual calls each class's handler)
        room = self.size_labels()
        self.query_one("#kind-about").styles.padding = (0, 0, 0, room + 1)
        self.query_one("#stops_work").styles.margin = (1, 0, 0, room)
        self.query_one(".stops-about").styles.padding = (0, 0, 0, room + 4)
        self.show_contract_row()
        self.show_kind_about()
        self.shown_kind = self.choice("kind")

    @on(Select.Changed, "#kind")
    def kind_changed(self) -> None:
        self.show_contract_row()
        self.show_kind_about()
        kind = self.choice("kind")
        box = self.query_one("#stops_work", Checkbox)
        if self.shown_kind and box.value == kind_stops_work(self.shown_kind):
            box.value = kind_stops_work(kind)  # the box follows the kind unless the user changed it
        self.shown_kind = kind

    @on(Checkbox.Changed, "#stops_work")
    def stops_work_changed(self, event: Checkbox.Changed) -> None:
        event.checkbox.label = stops_work_label(event.value)

    def show_kind_about(self) -> None:
        """One line under Kind: what it is, and what the platform usually asks."""
        text = kinds.about(self.choice("kind"), current_language())
        self.query_one("#kind-about", Static).update(Content.styled(text, "dim italic"))

    def show_contract_row(self) -> None:
        for row in self.query("#contract"):
            if row.parent is not None:
                row.parent.display = self.asks_contract()

    def action_glossary(self) -> None:
        from screens.glossary import show_glossary

        show_glossary(self.app, self.text("platform").strip() or None)


class FollowUpForm(FormModal[datetime | str]):
    """The next moment to act; empty removes it (returns "")."""

    heading = N_("Follow-up: when to act next if nothing happens")
    hint = N_("empty removes the follow-up · ctrl+s or enter saves · escape leaves")

    def __init__(self, current: datetime | None) -> None:
        super().__init__()
        self.current = current

    def fields(self) -> ComposeResult:
        yield field_row(
            _("Follow-up"),
            SafeInput(
                moment_text(self.current),
                id="moment",
                placeholder=_("+3d, tomorrow 9:00, 2026-11-23 09:00"),
                compact=True,
            ),
        )

    def result(self) -> datetime | str:
        return read_moment(self.text("moment"), _("Follow-up"), app=self.app, required=False) or ""
