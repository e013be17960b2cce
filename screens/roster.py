"""Contracts: the roster of the user's contracts, kept outside any incident so clients and
deadlines stay known while the platform is unreachable. `a` adds, `e` edits, `d` ends one
(after asking); new account holds copy the active ones.

Why about 460 lines: the roster screen, its one form and the flows that keep the roster whole
(offering an open hold the new contract, reopening the form over a roster changed elsewhere)
read as one place; the saving itself is in journal.roster and journal.links."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from datetime import date, datetime, time

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Select, Static

from journal import clock, drafts, labels, links
from journal.deadlines import days_left as days_to
from journal.deadlines import deadline_input, deadline_short, deadline_words
from journal.i18n import N_, _, ngettext
from journal.index import Summary
from journal.model import Money
from journal.money import money_text
from journal.roster import (
    ROSTER_STATES,
    RosterChangedError,
    RosterContract,
    deadline_order,
    end_contract,
    load_roster_at,
    update_contract,
)
from journal.store import Store
from screens.fields import SafeInput
from screens.footer import FittedFooter
from screens.forms import FormModal, field_row
from screens.forms.base import forget_draft
from screens.forms.entries import deadline_row, pending_row, read_deadline, read_money
from screens.hanging import Paragraph
from screens.modals import ConfirmModal
from screens.now import cut
from screens.safe import attempt, error_line, plain, row_item, tell
from screens.translated import TranslatedScreen


def days_left(deadline: date | datetime | None, now: datetime) -> Text:
    """The deadline in words (`today 18:00`, `in 3 days`), red within a day, bold within 3."""
    if deadline is None:
        return Text("")
    left = days_to(deadline, now)
    return Text(deadline_words(deadline, now), style="bold red" if left <= 1 else ("bold" if left <= 3 else ""))


def roster_order(item: RosterContract) -> tuple[bool, tuple[int, date, time, str]]:
    """Active contracts first, soonest deadline first; ended ones last."""
    return (not item.is_active, deadline_order(item))


ROSTER_DRAFT = (drafts.ROSTER, "new")
"""The draft of the form that adds a roster contract (id and form name in the drafts folder)."""


def edit_draft(roster_id: str) -> tuple[str, str]:
    """The draft of the form that edits the roster contract `roster_id` (keyed by its id,
    so it comes back on that contract whatever was added or ended meanwhile)."""
    return (drafts.ROSTER, drafts.roster_edit_form(roster_id))


@dataclass
class RosterFields:
    """What the roster form gives back."""

    client: str
    contract_id: str
    deadline: date | datetime | None
    pending: Money | None
    note: str
    state: str = "active"


def field_texts(fields: RosterFields) -> dict[str, str]:
    """The roster form's fields as their text, by id (as the form shows them)."""
    return {
        "client": fields.client,
        "contract_id": fields.contract_id,
        "deadline": deadline_input(fields.deadline) if fields.deadline else "",
        "pending": money_text(fields.pending) if fields.pending else "",
        "note": fields.note,
        "state": fields.state,
    }


class RosterForm(FormModal[RosterFields]):
    """A roster contract: client, contract id, next deadline, money pending, a note."""

    heading = N_("Contract in the roster")
    hint = N_("ctrl+s or enter saves · deadline as 2026-11-30 or today 18:00 · pending as 420.00 USD · escape leaves")

    def __init__(
        self, initial: RosterFields | None = None, editing: bool = False, base: RosterFields | None = None
    ) -> None:
        super().__init__()
        self.initial = initial
        self.editing = editing
        self.base = base or initial
        """The contract as it is in the roster (what `initial` may have changes laid over)."""
        self.heading = _("Edit the roster contract") if editing else _(RosterForm.heading)
        self.hint = _(RosterForm.hint)

    def fields(self) -> ComposeResult:
        i = self.initial
        yield field_row(
            _("Client"),
            SafeInput(i.client if i else "", id="client", placeholder=_("the client's name"), compact=True),
        )
        yield field_row(
            _("Contract id"),
            SafeInput(
                i.contract_id if i else "",
                id="contract_id",
                placeholder=_("optional: the platform's contract id"),
                compact=True,
            ),
        )
        yield deadline_row(i.deadline if i else None, _("optional: 2026-11-30, tomorrow, today 18:00"))
        yield pending_row(i.pending if i else None)
        yield field_row(_("Note"), SafeInput(i.note if i else "", id="note", placeholder=_("optional"), compact=True))
        if self.editing:
            yield field_row(
                _("State"),
                Select(
                    [(Content(labels.contract_state(state)), state) for state in ROSTER_STATES],
                    value=i.state if i else "active",
                    id="state",
                    allow_blank=False,
                    compact=True,
                ),
            )

    BASE = "base."
    """Prefix of the draft's copy of the values the edit form opened with."""

    def draft_fields(self) -> dict[str, str]:
        """An edit's draft also keeps the values the form opened with, so that a draft put
        back over a contract changed elsewhere meanwhile only lays what the user changed."""
        fields = super().draft_fields()
        if self.editing and self.base is not None:
            fields.update({self.BASE + name: value for name, value in field_texts(self.base).items()})
        return fields

    def restore(self, kept: dict[str, str]) -> None:
        """Put back a draft: in an edit, only the fields the user had changed from what the
        form opened with then; the others show the contract as it is now (and a notice says
        when it changed elsewhere since the draft was typed)."""
        base = {name[len(self.BASE) :]: value for name, value in kept.items() if name.startswith(self.BASE)}
        if self.editing and base:
            now = field_texts(self.base) if self.base is not None else {}
            if any(base.get(name, value) != value for name, value in now.items()):
                tell(
                    self.app,
                    _("This contract changed elsewhere since the draft was typed; only your changes are put back."),
                )
            kept = {
                name: value
                for name, value in kept.items()
                if not name.startswith(self.BASE) and (name not in base or value != base[name])
            }
        super().restore(kept)

    def result(self) -> RosterFields:
        client = self.text("client").strip()
        if not client:
            raise ValueError(_("Client: give the client's name"))
        deadline = read_deadline(self.text("deadline"))
        pending = read_money(self.text("pending"))
        state = self.choice("state") if self.editing else "active"
        return RosterFields(
            client, self.text("contract_id").strip(), deadline, pending, self.text("note").strip(), state
        )


class RosterScreen(TranslatedScreen):
    """The contract roster, active contracts first, soonest deadline first."""

    CSS_PATH = "roster.tcss"
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="roster.back", tooltip=N_("Back to the list of incidents")),
        Binding("a", "add", N_("Add"), id="roster.add", tooltip=N_("Add a contract to the roster")),
        Binding("e", "edit", N_("Edit"), id="roster.edit", tooltip=N_("Edit the selected contract")),
        Binding(
            "d",
            "end",
            N_("End"),
            id="roster.end",
            tooltip=N_("Mark the selected contract ended (asks first; it stays listed)"),
        ),
        Binding(
            "t",
            "now",
            N_("Now"),
            id="roster.now",
            tooltip=N_("What needs you today: follow-ups due, requests to answer, deadlines"),
        ),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.contracts: list[RosterContract] = []
        self.revision: str | None = None
        """The revision of the roster file shown (see `journal.roster.load_roster_at`)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Paragraph(id="roster-head")
        yield DataTable(id="roster-table", cursor_type="row", zebra_stripes=True)
        yield Paragraph(id="roster-detail")
        yield FittedFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Contracts")
        table = self.query_one(DataTable)
        self.reload()
        table.focus()

    # ------------------------------------------------------------------ showing

    def reload(self, select: str | None = None) -> None:
        """Read the roster again and show it (a file that does not validate is named, untouched)."""
        try:
            found, self.revision = load_roster_at(self.store)
            contracts = sorted(found, key=roster_order)
        except Exception as error:
            self.revision = None
            self.contracts = []
            self.query_one(DataTable).clear()
            self.query_one("#roster-head", Static).update(
                plain(_("The roster cannot be read; it is left untouched: {error}").format(error=error), "bold $error")
            )
            self.query_one("#roster-detail", Static).update(Content(""))
            self.refresh_bindings()
            return
        self.show(contracts, select)

    def show(self, contracts: list[RosterContract], select: str | None = None) -> None:
        self.contracts = contracts
        row = self.query_one(DataTable).cursor_row
        if select is not None:
            row = next((i for i, c in enumerate(contracts) if c.id == select), row)
        self.fill_table(row)
        active = sum(1 for c in contracts if c.is_active)
        if contracts:
            head = ngettext(
                "{n} active contract, soonest deadline first; new account holds copy it · a adds · e edits · d ends",
                "{n} active contracts, soonest deadline first; new account holds copy them · a adds · e edits · d ends",
                active,
            ).format(n=active)
        else:
            head = _(
                "No contracts in the roster yet. Press a to add one: during an account hold you may not be "
                "able to log in to see whose deadline is today."
            )
        self.query_one("#roster-head", Static).update(Content(head))
        self.show_detail()
        self.refresh_bindings()

    def fill_table(self, row: int = 0) -> None:
        """The rows, each column as wide as its widest cell; the client's name gets at most
        what is left (cut with `…`), so State and Pending stay visible at 80 columns. The
        cursor is put on `row`."""
        now = clock.now()
        table = self.query_one(DataTable)
        rows: list[list[Text]] = []
        for item in self.contracts:
            dim = "" if item.is_active else "dim"
            rows.append(
                [
                    cut(item.client, 200),
                    cut(item.contract_id, 200),
                    Text(deadline_short(item.deadline), style=dim),
                    days_left(item.deadline, now) if item.is_active else Text(""),
                    cut(money_text(item.pending) or "-", 200),
                    Text(labels.contract_state(item.state), style=dim),
                ]
            )
        headers = [_("Client"), _("Contract id"), _("Deadline"), _("When"), _("Pending"), _("State")]
        widths = [cell_len(h) for h in headers]
        for cells in rows:
            for n, cell in enumerate(cells):
                widths[n] = max(widths[n], cell.cell_len)
        widths[1], widths[4] = min(widths[1], 14), min(widths[4], 20)
        # each column has one cell of padding either side; the table a margin and a scroll bar
        room = self.size.width - 2 * len(headers) - 4
        widths[0] = max(10, min(widths[0], room - sum(widths[1:])))
        if sum(widths) > room:  # too narrow: the contract id gives way first, then the client
            widths[1] = max(cell_len(headers[1]), min(widths[1], widths[1] - (sum(widths) - room)))
            widths[0] = max(8, room - sum(widths[1:]))
        table.clear(columns=True)
        for header, width in zip(headers, widths, strict=True):
            table.add_column(header, width=width)
        for item, cells in zip(self.contracts, rows, strict=True):
            client, contract_id, deadline, when, pending, state = cells
            table.add_row(
                cut(client.plain, widths[0]),
                cut(contract_id.plain, widths[1]),
                deadline,
                when,
                cut(pending.plain, widths[4]),
                state,
                key=item.id,
            )
        if self.contracts:
            table.move_cursor(row=min(max(row, 0), len(self.contracts) - 1))

    def on_resize(self) -> None:
        if self.contracts:
            self.fill_table(self.query_one(DataTable).cursor_row)

    @property
    def selected(self) -> RosterContract | None:
        return row_item(self, self.contracts)

    def show_detail(self) -> None:
        item = self.selected
        box = self.query_one("#roster-detail", Static)
        if item is None:
            box.update(Content(""))
            return
        roster_id = "  (" + _("roster id {id}").format(id=item.id) + ")"
        lines = [Content.assemble((_("Client:") + " ", "bold"), plain(item.client), (roster_id, "dim"))]
        if item.note:
            lines.append(Content.assemble((_("Note:") + " ", "bold"), plain(item.note)))
        if item.ended_at:
            ended = item.ended_at.astimezone(clock.local_zone()).strftime("%Y-%m-%d %H:%M")
            lines.append(Content.assemble((_("Ended:") + " ", "bold"), Content(ended)))
        box.update(Content("\n").join(lines))

    @on(DataTable.RowHighlighted)
    def highlighted(self) -> None:
        self.show_detail()

    @on(DataTable.RowSelected)
    def chosen(self) -> None:
        self.action_edit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "edit":
            return self.selected is not None or None
        if action == "end":
            item = self.selected
            return (item is not None and item.is_active) or None
        return True

    # ------------------------------------------------------------------ actions

    def action_add(self, initial: RosterFields | None = None) -> None:
        def submitted(fields: RosterFields | None) -> None:
            if fields is None:
                return
            ok, added = attempt(
                self.app,
                lambda: links.add_contract(
                    self.store,
                    clock.now(),
                    to_incidents=[],
                    client=fields.client,
                    deadline=fields.deadline,
                    contract_id=fields.contract_id,
                    note=fields.note,
                    pending=fields.pending,
                ),
            )
            if not ok or added is None:
                self.action_add(fields)  # keep what was typed
                return
            forget_draft(self.store, *ROSTER_DRAFT)
            item = added.contract
            tell(self.app, _("Added to the roster as {id}").format(id=item.id))
            self.reload(select=item.id)
            if added.open_holds:
                self.offer_holds(item, added.open_holds)

        form = RosterForm(initial).keep_draft(self.store, *ROSTER_DRAFT, restore=initial is None)
        self.app.push_screen(form, submitted)

    def offer_holds(self, item: RosterContract, holds: list[Summary]) -> None:
        """A hold that stops work is open: offer to add the new contract to it as affected
        (paused, with a "tell the client" checklist item). Its deadline is in Now either way."""
        names = Content(", ").join([plain(f"“{h.title}”", "bold") for h in holds[:3]])
        more = _(" and {n} more").format(n=len(holds) - 3) if len(holds) > 3 else ""
        asked = ngettext(
            "Add {client} to the open hold {holds} as an affected contract?",
            "Add {client} to the open holds {holds} as an affected contract?",
            len(holds),
        )
        before, _client, rest = asked.partition("{client}")
        middle, _holds, after = rest.partition("{holds}")
        question = Content.assemble(
            before,
            plain(item.client, "bold"),
            middle,
            names,
            more,
            after + "\n",
            Content(_("Work with every client is stopped; its deadline is in Now (t) either way.")),
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            for hold in holds:
                ok, _added = attempt(self.app, functools.partial(links.add_to_incident, self.store, hold.id, item.id))
                if ok:
                    tell(self.app, _("Added {client} to {title}").format(client=item.client, title=hold.title))

        self.app.push_screen(
            ConfirmModal(question, yes=_("Add to the hold"), no=_("Roster only"), offer=True), answered
        )

    def action_edit(self, initial: RosterFields | None = None, revision: str | None = None) -> None:
        """Edit the selected contract. The save is made against the roster as it was when
        the form opened: if it changed elsewhere meanwhile (another window, or `contracts
        end` on the command line), the save is refused, the user is told, the roster is
        reloaded and the form opens again with what was typed over the new values. What is
        typed is kept as a draft of that contract (put back after a restart, dropped once
        saved or discarded)."""
        item = self.selected
        if item is None:
            return
        roster_id = item.id
        opened_at = self.revision if revision is None else revision
        start = RosterFields(item.client, item.contract_id, item.deadline, item.pending, item.note, item.state)
        restore = initial is None
        if initial is None:
            initial = start
        draft = edit_draft(roster_id)

        def form(fields: RosterFields) -> RosterForm:
            made = RosterForm(fields, editing=True, base=start)
            made.keep_draft(self.store, *draft, restore=False)
            return made

        def submitted(fields: RosterFields | None) -> None:
            if fields is None:
                return
            changes = {
                "client": fields.client,
                "contract_id": fields.contract_id,
                "deadline": fields.deadline,
                "pending": fields.pending,
                "note": fields.note,
                "state": fields.state,
            }
            if fields.state == "ended" and item.is_active:
                changes["ended_at"] = clock.now()
            try:
                saved = update_contract(self.store, roster_id, expected=opened_at, **changes)
            except RosterChangedError:
                self.changed_elsewhere(roster_id, start, fields)
                return
            except Exception as error:  # a handler must never reach Textual's crash screen
                tell(self.app, error_line(error), error=True)
                self.app.push_screen(form(fields), submitted)
                return
            forget_draft(self.store, *draft)
            attempt(self.app, lambda: links.refresh_copies(self.store, saved))
            tell(self.app, _("Saved {id}").format(id=saved.id))
            self.reload(select=saved.id)

        opened = RosterForm(initial, editing=True, base=start).keep_draft(self.store, *draft, restore=restore)
        self.app.push_screen(opened, submitted)

    def changed_elsewhere(self, roster_id: str, start: RosterFields, typed: RosterFields) -> None:
        """The roster changed since the edit form opened: say so, reload, and open the form
        again on the new values with only what the user changed laid over them."""
        tell(
            self.app,
            _(
                "The roster changed elsewhere (another window or a command); reloaded. Nothing was saved: check and save again."
            ),
            error=True,
        )
        self.reload(select=roster_id)
        fresh = next((c for c in self.contracts if c.id == roster_id), None)
        if fresh is None:
            tell(self.app, _("The contract {id} is no longer in the roster.").format(id=roster_id), error=True)
            return
        now = RosterFields(fresh.client, fresh.contract_id, fresh.deadline, fresh.pending, fresh.note, fresh.state)
        merged = RosterFields(
            **{
                name: getattr(typed, name) if getattr(typed, name) != getattr(start, name) else getattr(now, name)
                for name in (f.name for f in dataclasses.fields(RosterFields))
            }
        )
        self.action_edit(merged, self.revision)

    def action_end(self) -> None:
        item = self.selected
        if item is None or not item.is_active:
            return
        before, _client, after = _("Mark the contract with {client} ended?").partition("{client}")
        question = Content.assemble(
            before,
            plain(item.client, "bold"),
            after + "\n",
            Content(_("It stays in the roster, but new account holds no longer copy it.")),
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            ok, ended = attempt(self.app, lambda: end_contract(self.store, item.id, clock.now()))
            if ok and ended is not None:
                tell(self.app, _("Ended: {client}").format(client=ended.client))
                self.reload(select=ended.id)

        self.app.push_screen(ConfirmModal(question, yes=_("End it"), no=_("Keep it")), answered)

    def action_now(self) -> None:
        from screens.now import NowScreen

        self.app.push_screen(NowScreen(self.store), lambda _: self.reload())

    def action_back(self) -> None:
        self.dismiss(None)
