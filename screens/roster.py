"""Contracts: the roster of the user's contracts, kept outside any incident so clients and
deadlines stay known while the platform is unreachable. `a` adds, `e` edits, `d` ends one
(after asking); new account holds copy the active ones."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from datetime import date, datetime, time

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Select, Static

from journal import clock, links
from journal.deadlines import days_left as days_to
from journal.deadlines import deadline_short, deadline_words
from journal.i18n import _
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
from screens.forms import FormModal, choices, field_row
from screens.forms.entries import deadline_row, pending_row, read_deadline, read_money
from screens.modals import ConfirmModal
from screens.now import cut
from screens.safe import attempt, error_line, plain, row_item, tell


def days_left(deadline: date | datetime | None, now: datetime) -> Text:
    """The deadline in words (`today 18:00`, `in 3 days`), red within a day, bold within 3."""
    if deadline is None:
        return Text("")
    left = days_to(deadline, now)
    return Text(deadline_words(deadline, now), style="bold red" if left <= 1 else ("bold" if left <= 3 else ""))


def roster_order(item: RosterContract) -> tuple[bool, tuple[int, date, time, str]]:
    """Active contracts first, soonest deadline first; ended ones last."""
    return (not item.is_active, deadline_order(item))


@dataclass
class RosterFields:
    """What the roster form gives back."""

    client: str
    contract_id: str
    deadline: date | datetime | None
    pending: Money | None
    note: str
    state: str = "active"


class RosterForm(FormModal[RosterFields]):
    """A roster contract: client, contract id, next deadline, money pending, a note."""

    heading = "Contract in the roster"
    hint = "ctrl+s or enter saves · deadline as 2026-11-30 or today 18:00 · pending as 420.00 USD · escape leaves"

    def __init__(self, initial: RosterFields | None = None, editing: bool = False) -> None:
        super().__init__()
        self.initial = initial
        self.editing = editing
        if editing:
            self.heading = "Edit the roster contract"

    def fields(self) -> ComposeResult:
        i = self.initial
        yield field_row(
            "Client", SafeInput(i.client if i else "", id="client", placeholder="the client's name", compact=True)
        )
        yield field_row(
            "Contract id",
            SafeInput(
                i.contract_id if i else "",
                id="contract_id",
                placeholder="optional: the platform's contract id",
                compact=True,
            ),
        )
        yield deadline_row(i.deadline if i else None, "optional: 2026-11-30, tomorrow, today 18:00")
        yield pending_row(i.pending if i else None)
        yield field_row("Note", SafeInput(i.note if i else "", id="note", placeholder="optional", compact=True))
        if self.editing:
            yield field_row(
                "State",
                Select(
                    choices(ROSTER_STATES),
                    value=i.state if i else "active",
                    id="state",
                    allow_blank=False,
                    compact=True,
                ),
            )

    def result(self) -> RosterFields:
        client = self.text("client").strip()
        if not client:
            raise ValueError("Client: give the client's name")
        deadline = read_deadline(self.text("deadline"))
        pending = read_money(self.text("pending"))
        state = self.choice("state") if self.editing else "active"
        return RosterFields(
            client, self.text("contract_id").strip(), deadline, pending, self.text("note").strip(), state
        )


class RosterScreen(Screen[None]):
    """The contract roster, active contracts first, soonest deadline first."""

    CSS_PATH = "roster.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="roster.back", tooltip="Back to the list of incidents"),
        Binding("a", "add", "Add", id="roster.add", tooltip="Add a contract to the roster"),
        Binding("e", "edit", "Edit", id="roster.edit", tooltip="Edit the selected contract"),
        Binding(
            "d", "end", "End", id="roster.end", tooltip="Mark the selected contract ended (asks first; it stays listed)"
        ),
        Binding(
            "t",
            "now",
            "Now",
            id="roster.now",
            tooltip="What needs you today: follow-ups due, requests to answer, deadlines",
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
        yield Static(id="roster-head")
        yield DataTable(id="roster-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="roster-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Contracts"
        table = self.query_one(DataTable)
        table.add_columns("Client", "Contract id", "Deadline", "When", "Pending", "State")
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
                plain(f"The roster cannot be read; it is left untouched: {error}", "bold $error")
            )
            self.query_one("#roster-detail", Static).update(Content(""))
            self.refresh_bindings()
            return
        self.show(contracts, select)

    def show(self, contracts: list[RosterContract], select: str | None = None) -> None:
        self.contracts = contracts
        now = clock.now()
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for item in contracts:
            dim = "" if item.is_active else "dim"
            table.add_row(
                cut(item.client, 36),
                cut(item.contract_id, 14),
                Text(deadline_short(item.deadline), style=dim),
                days_left(item.deadline, now) if item.is_active else Text(""),
                cut(money_text(item.pending) or "-", 20),
                Text(item.state, style=dim),
                key=item.id,
            )
        if select is not None:
            row = next((i for i, c in enumerate(contracts) if c.id == select), row)
        if contracts:
            table.move_cursor(row=min(max(row, 0), len(contracts) - 1))
        active = sum(1 for c in contracts if c.is_active)
        if contracts:
            head = (
                f"{active} active contract{'s' if active != 1 else ''}, soonest deadline first; "
                "new account holds copy them · a adds · e edits · d ends"
            )
        else:
            head = (
                "No contracts in the roster yet. Press a to add one: during an account hold you may not be "
                "able to log in to see whose deadline is today."
            )
        self.query_one("#roster-head", Static).update(Content(head))
        self.show_detail()
        self.refresh_bindings()

    @property
    def selected(self) -> RosterContract | None:
        return row_item(self, self.contracts)

    def show_detail(self) -> None:
        item = self.selected
        box = self.query_one("#roster-detail", Static)
        if item is None:
            box.update(Content(""))
            return
        lines = [Content.assemble(("Client: ", "bold"), plain(item.client), (f"  (roster id {item.id})", "dim"))]
        if item.note:
            lines.append(Content.assemble(("Note: ", "bold"), plain(item.note)))
        if item.ended_at:
            lines.append(
                Content.assemble(("Ended: ", "bold"), Content(item.ended_at.astimezone().strftime("%Y-%m-%d %H:%M")))
            )
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
            item = added.contract
            tell(self.app, f"Added to the roster as {item.id}")
            self.reload(select=item.id)
            if added.open_holds:
                self.offer_holds(item, added.open_holds)

        self.app.push_screen(RosterForm(initial), submitted)

    def offer_holds(self, item: RosterContract, holds: list[Summary]) -> None:
        """A hold that stops work is open: offer to add the new contract to it as affected
        (paused, with a "tell the client" checklist item). Its deadline is in Now either way."""
        names = Content(", ").join([plain(f"“{h.title}”", "bold") for h in holds[:3]])
        more = f" and {len(holds) - 3} more" if len(holds) > 3 else ""
        question = Content.assemble(
            "Add ",
            plain(item.client, "bold"),
            f" to the open hold{'s' if len(holds) != 1 else ''} ",
            names,
            more,
            " as an affected contract?\n",
            Content("Work with every client is stopped; its deadline is in Now (t) either way."),
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            for hold in holds:
                ok, _ = attempt(self.app, functools.partial(links.add_to_incident, self.store, hold.id, item.id))
                if ok:
                    tell(self.app, f"Added {item.client} to {hold.title}")

        self.app.push_screen(ConfirmModal(question, yes="Add to the hold", no="Roster only", offer=True), answered)

    def action_edit(self, initial: RosterFields | None = None, revision: str | None = None) -> None:
        """Edit the selected contract. The save is made against the roster as it was when
        the form opened: if it changed elsewhere meanwhile (another window, or `contracts
        end` on the command line), the save is refused, the user is told, the roster is
        reloaded and the form opens again with what was typed over the new values."""
        item = self.selected
        if item is None:
            return
        roster_id = item.id
        opened_at = self.revision if revision is None else revision
        start = RosterFields(item.client, item.contract_id, item.deadline, item.pending, item.note, item.state)
        if initial is None:
            initial = start

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
                self.app.push_screen(RosterForm(fields, editing=True), submitted)
                return
            attempt(self.app, lambda: links.refresh_copies(self.store, saved))
            tell(self.app, f"Saved {saved.id}")
            self.reload(select=saved.id)

        self.app.push_screen(RosterForm(initial, editing=True), submitted)

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
        question = Content.assemble(
            "Mark the contract with ",
            plain(item.client, "bold"),
            " ended?\n",
            Content("It stays in the roster, but new account holds no longer copy it."),
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            ok, ended = attempt(self.app, lambda: end_contract(self.store, item.id, clock.now()))
            if ok and ended is not None:
                tell(self.app, f"Ended: {ended.client}")
                self.reload(select=ended.id)

        self.app.push_screen(ConfirmModal(question, yes="End it", no="Keep it"), answered)

    def action_now(self) -> None:
        from screens.now import NowScreen

        self.app.push_screen(NowScreen(self.store), lambda _: self.reload())

    def action_back(self) -> None:
        self.dismiss(None)
