"""The incident's Contracts tab and Requests tab actions: add a contract from the roster (a
picker) or by hand, edit one (a linked contract's client, deadline and money are saved to the
roster), and add the usual security questions in one action. The screen is the go-between:
every change goes through the core (journal.links, journal.actions)."""

from __future__ import annotations

import copy
import dataclasses
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from journal import clock, drafts, links
from journal.actions import add_security_questions, usual_security_questions
from journal.deadlines import deadline_words
from journal.i18n import N_, _, ngettext
from journal.items import locate
from journal.model import Contract, Incident
from journal.money import money_text
from journal.roster import RosterChangedError, RosterContract, update_contract
from screens.forms import ContractForm
from screens.forms.base import forget_draft
from screens.hanging import Paragraph
from screens.modals import MODALS_TCSS, Dialog
from screens.safe import attempt, error_line, plain, tell

if TYPE_CHECKING:
    from screens.incident import IncidentScreen

BY_HAND = "\x00by-hand"
"""The picker's last option: type a contract that is not in the roster."""


def picker_label(item: RosterContract, now_words: str) -> Content:
    """`Acme Ltd · 38211 · due today 18:00 · 420.00 USD`, as plain text."""
    bits = [item.client]
    if item.contract_id:
        bits.append(item.contract_id)
    if now_words:
        bits.append(_("due {when}").format(when=now_words))
    if item.pending:
        bits.append(money_text(item.pending))
    return plain(" · ".join(bits))


class RosterPicker(Dialog[str | None]):
    """Choose a roster contract to add to the incident (its roster id), or `h` / the last
    option to type one by hand (BY_HAND); escape chooses nothing."""

    CSS_PATH = [MODALS_TCSS, "incident_contracts.tcss"]
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="picker.cancel", tooltip=N_("Close without adding")),
        Binding(
            "h", "by_hand", N_("By hand"), id="picker.by-hand", tooltip=N_("Type a contract that is not in the roster")
        ),
    ]

    def __init__(self, entries: list[RosterContract]) -> None:
        super().__init__()
        self.entries = entries

    def compose(self) -> ComposeResult:
        now = clock.now()
        with Vertical():
            yield Paragraph(
                Content(_("Add a contract from your roster (enter), or type one by hand (h)")), classes="dialog-title"
            )
            options = [Option(picker_label(e, deadline_words(e.deadline, now)), id=e.id) for e in self.entries]
            options.append(Option(Content(_("Type a contract by hand…")), id=BY_HAND))
            yield OptionList(*options, id="roster-choices")

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_by_hand(self) -> None:
        self.dismiss(BY_HAND)

    def action_cancel(self) -> None:
        self.dismiss(None)


def add_contract(screen: IncidentScreen) -> None:
    """`a` on the Contracts tab: the roster picker when the roster has contracts this incident
    does not have yet, else the form to type one."""
    entries, problem = links.load_roster_quietly(screen.store)
    if problem:
        tell(screen.app, problem, error=True)
    offered = links.unlinked(screen.incident, entries)
    if not offered:
        by_hand(screen)
        return

    def chosen(choice: str | None) -> None:
        if choice is None:
            return
        if choice == BY_HAND:
            by_hand(screen)
            return
        item = next(e for e in offered if e.id == choice)
        screen.change(lambda d: links.link(d, item), _("Added {client} from the roster").format(client=item.client))

    screen.app.push_screen(RosterPicker(offered), chosen)


def by_hand(screen: IncidentScreen, initial: Contract | None = None) -> None:
    """The contract form for a contract typed only in this incident."""

    def submitted(value: Contract | None) -> None:
        if value is not None:

            def apply(d: Incident) -> None:
                d.contracts.append(value)
                screen.contract_saved(d, None, value)  # a client told at once is on the timeline

            reopen = lambda: screen.app.push_screen(  # noqa: E731
                ContractForm(value).keep_draft(screen.store, incident_id, "contract", restore=False), submitted
            )
            if screen.change(apply, _("Contract saved"), reopen=reopen):
                forget_draft(screen.store, incident_id, "contract")

    incident_id = screen.incident.id
    screen.app.push_screen(ContractForm(initial).keep_draft(screen.store, incident_id, "contract"), submitted)


def edit_contract(
    screen: IncidentScreen, index: int, typed: Contract | None = None, base: Contract | None = None
) -> None:
    """Edit the contract at `index`. For a linked one, client, contract id, deadline and money
    are saved to the roster first (so Now, the roster and every incident read the same),
    then what belongs to the incident (state, client told, note). The roster is saved
    against the revision it was read at when the form opened: if it changed elsewhere
    meanwhile (`contracts end`, the roster screen of another window), nothing is saved, the
    user is told, and the form opens again over the roster as it is now with what the user
    changed (`typed`, against what the form showed: `base`) laid over it."""
    entries, revision, problem = links.load_roster_quietly_at(screen.store)
    table = links.by_id(entries)
    original = screen.incident.contracts[index]
    shown = links.resolve(original, table)
    initial = shown
    if typed is not None and base is not None:
        initial = Contract(
            **{
                f.name: getattr(typed, f.name)
                if getattr(typed, f.name) != getattr(base, f.name)
                else getattr(shown, f.name)
                for f in dataclasses.fields(Contract)
            }
        )

    def submitted(value: Contract | None) -> None:
        if value is None:
            return
        reopen = lambda: screen.app.push_screen(  # noqa: E731
            ContractForm(value).keep_draft(screen.store, incident_id, key, restore=False), submitted
        )
        entry = table.get(value.roster_id) if value.roster_id else None
        if entry is not None:
            changes = {
                key: getattr(value, key)
                for key in ("client", "contract_id", "deadline", "pending")
                if getattr(value, key) != getattr(entry, key)
            }
            if changes:
                try:
                    saved = update_contract(screen.store, entry.id, expected=revision, **changes)
                except RosterChangedError:
                    tell(
                        screen.app,
                        _(
                            "The roster changed elsewhere (another window or a command); nothing was saved. "
                            "The form is open again over the roster as it is now, with your changes: check and save again."
                        ),
                        error=True,
                    )
                    edit_contract(screen, index, typed=value, base=shown)
                    return
                except Exception as error:  # a handler must never reach Textual's crash screen
                    tell(screen.app, error_line(error), error=True)
                    reopen()
                    return
                attempt(screen.app, lambda: links.refresh_copies(screen.store, saved, skip=screen.incident.id))

        def apply(d: Incident) -> None:
            place = locate(d.contracts, original, index)  # d may be a newer version of the file
            screen.contract_saved(d, d.contracts[place], value)  # client told, state: on the timeline
            d.contracts[place] = copy.deepcopy(value)

        if screen.change(apply, _("Contract saved"), reopen=reopen):
            forget_draft(screen.store, incident_id, key)

    if problem and typed is None:
        tell(screen.app, problem, error=True)
    incident_id = screen.incident.id
    key = drafts.item_form("contract", original)  # the contract as loaded, not its position
    form = ContractForm(initial).keep_draft(screen.store, incident_id, key, restore=typed is None)
    screen.app.push_screen(form, submitted)


def security_questions(screen: IncidentScreen) -> None:
    """`u` on the Requests tab: support asked the usual security questions. Adds those of the
    four the incident does not have yet, as support requests asked now."""
    have = {r.question.strip() for r in screen.incident.requests}
    missing = [q for q in usual_security_questions() if q.strip() not in have]
    if not missing:
        tell(screen.app, _("The usual security questions are already here"))
        return
    count = len(missing)
    screen.change(
        lambda d: add_security_questions(d, clock.now()),
        ngettext(
            "Added {n} usual security question: enter answers the selected one",
            "Added {n} usual security questions: enter answers the selected one",
            count,
        ).format(n=count),
    )
