"""Home: the incidents, most urgent first, with a filter as you type.

Why about 430 lines: one screen and its flows (the filter in a worker, the re-check of the
folder while it is shown, opening, creating and deleting an incident); the list widget is
`screens.incident_list`, what the list reads is `journal.home_data` and `journal.listing`.
"""

from __future__ import annotations

import asyncio
import os
from datetime import datetime
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Header, Input, Static

from journal import clock
from journal.home_data import JournalCheck, check_journal
from journal.i18n import N_, _, ngettext
from journal.listing import Listing
from journal.store import Store
from screens.fields import SafeInput
from screens.footer import FittedFooter
from screens.hanging import Paragraph
from screens.incident_list import MEASURED, WARNING_MARK, IncidentList
from screens.modals import ConfirmModal
from screens.privacy_notice import PrivacyNotice
from screens.safe import attempt, error_line, file_and_folder, plain, tell
from screens.translated import TranslatedScreen

PROBLEM_LINES = 4
"""Unreadable files listed above the incidents; the rest are counted."""
EMPTY_TEXT = N_("No incidents yet. Press n to record the first one (? lists every key, q quits).")


FILTER_DELAY = 0.03
"""Seconds the filter waits for the next key before it asks the index (typing `acme` quickly
makes one query, not four); the key itself shows at once."""

RECHECK_SECONDS = 10.0
"""How often the list checks the folder for changes made elsewhere while it is on screen (a
check stats each file and re-reads only the changed ones)."""

NEW_DRAFT = ("new-incident", "new")
"""The draft of the new-incident form: kept under this id and form name in the drafts folder
(no incident has an id yet), so a closed terminal does not lose what was typed."""


class HomeScreen(TranslatedScreen):
    """The incidents of the journal; `enter` opens one, `n` records a new one."""

    CSS_PATH = "home.tcss"
    BACKGROUND_LOAD = True
    """Read the journal in a thread (tests turn it off to get the list at once)."""
    BINDINGS = [
        Binding("n", "new", N_("New"), id="home.new", tooltip=N_("Record a new incident")),
        Binding(
            "slash",
            "filter",
            N_("Filter"),
            id="home.filter",
            tooltip=N_("Filter by title, client or message text as you type"),
        ),
        Binding(
            "escape",
            "clear_filter",
            N_("Clear filter"),
            id="home.clear-filter",
            tooltip=N_("Clear the filter and show every incident"),
        ),
        Binding(
            "d",
            "delete",
            N_("Delete"),
            id="home.delete",
            tooltip=N_("Move the selected incident to the trash (asks first)"),
        ),
        Binding("x", "export", N_("Export"), id="home.export", tooltip=N_("Export the selected incident")),
        Binding(
            "t",
            "now",
            N_("Now"),
            id="home.now",
            tooltip=N_("What needs you today: follow-ups due, requests to answer, deadlines"),
        ),
        Binding(
            "c",
            "contracts",
            N_("Contracts"),
            id="home.contracts",
            tooltip=N_("Your contract roster: clients and deadlines, kept offline"),
        ),
        Binding(
            "i",
            "import_file",
            N_("Import"),
            id="home.import",
            tooltip=N_("Import an incident file (never overwrites one)"),
        ),
        Binding("r", "reload", N_("Reload"), show=False, id="home.reload", tooltip=N_("Read the journal folder again")),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.now = clock.now()
        self.total = 0
        """How many incidents the index holds."""
        self.checked = False
        """True once the folder was checked against the index since the screen opened."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield SafeInput(
            id="filter", placeholder=_("Filter: words in titles, clients, message text (escape clears)"), compact=True
        )
        yield Paragraph(id="problems")
        yield PrivacyNotice(self.store.data_dir, id="privacy")
        yield Paragraph(id="today")
        yield Paragraph(Content(_(EMPTY_TEXT)), id="empty")
        yield Paragraph(id="count")
        yield IncidentList(id="incidents")
        yield FittedFooter()

    def on_mount(self) -> None:
        self.query_one("#filter").display = False
        self.query_one("#problems").display = False
        self.query_one("#empty").display = False
        self.query_one("#today").display = False
        self.query_one("#count", Static).update(Content(_("Reading the journal…")))
        self.query_one(IncidentList).focus()
        self.call_after_refresh(self.reload)
        if self.BACKGROUND_LOAD:
            self.set_interval(RECHECK_SECONDS, self.recheck)

    def recheck(self) -> None:
        """Check the folder again while the list is on screen, so what another program (the
        command line, a second app) changed shows without a reload."""
        if self.is_current and self.checked:
            self.check_in_background(None)

    # ------------------------------------------------------------------ data

    def reload(self, select: str | None = None) -> None:
        """Show the rows the index holds at once, then check the folder against it (in a
        thread when BACKGROUND_LOAD is set, so the screen paints at once even with 10,000
        incidents) and update the rows that changed."""
        self.show_index(select)
        if self.BACKGROUND_LOAD:
            self.check_in_background(select)
            return
        ok, result = attempt(self.app, lambda: check_journal(self.store, clock.now()))
        if ok and result is not None:
            self.show_check(result, select)

    def show_index(self, select: str | None = None) -> None:
        """The first rows and the count as the index has them now (no file is read)."""
        self.now = clock.now()
        ok, total = attempt(self.app, lambda: self.store.index.count())
        self.total = total if ok and total is not None else 0
        self.apply_filter()
        if select:
            self.query_one(IncidentList).select_id(select)

    @work(thread=True, exclusive=True, group="scan", exit_on_error=False)
    def check_in_background(self, select: str | None) -> None:
        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self.show_progress, done, total)

        try:
            result = check_journal(self.store, clock.now(), progress)
        except Exception as error:  # reported in one line, like any other failure
            self.app.call_from_thread(tell, self.app, error_line(error), error=True)
            return
        self.app.call_from_thread(self.show_check, result, select)

    def show_progress(self, done: int, total: int) -> None:
        """How a long read of the journal goes (a first start on a large journal)."""
        count = self.query_one("#count", Static)
        count.display = True
        line = _("Reading the journal… {done} of {total} files (you can go on meanwhile)")
        count.update(Content(line.format(done=f"{done:,}", total=f"{total:,}")))

    def show_check(self, result: JournalCheck, select: str | None = None) -> None:
        """Show what a check of the folder found: unreadable files, what needs the user
        today, and the rows again when some changed (the cursor stays on its incident)."""
        self.checked = True
        problems = result.problems
        box = self.query_one("#problems", Static)
        box.display = bool(problems)
        if problems:
            folder = f"{self.store.incidents_dir}{os.sep}"
            lines = [
                ngettext(
                    "Could not read {n} file in {folder}; it is left untouched:",
                    "Could not read {n} files in {folder}; they are left untouched:",
                    len(problems),
                ).format(n=len(problems), folder=folder)
            ]
            lines += [p.message.replace(folder, "", 1) for p in problems[:PROBLEM_LINES]]
            if len(problems) > PROBLEM_LINES:
                more = len(problems) - PROBLEM_LINES
                lines.append(_("… and {n} more (incident-journal check lists them all)").format(n=more))
            box.update(Content("\n").join([plain(line) for line in lines]))
        self.show_today(result.today)
        self.show_index(select)

    def show_today(self, line: str) -> None:
        """Above the list, in words, what needs the user today (the same items as Now):
        `2 things need you today: Acme's deadline today 18:00; ... · t opens Now`."""
        box = self.query_one("#today", Static)
        box.display = bool(line)
        if line:
            box.update(Content.assemble(plain(line, "bold"), ("  · " + _("t opens Now"), "bold $accent")))

    def apply_filter(self) -> None:
        """Show the incidents whose search text holds every word typed (a query of the
        index: only the rows on screen are read), at once on this thread."""
        query = self.query_one("#filter", Input).value
        words = query.casefold().split()
        ok, rows = attempt(self.app, lambda: Listing(self.store.index, self.now, words))
        self.show_rows(query, rows if ok and rows is not None else Listing(None, self.now))

    @work(exclusive=True, group="filter", exit_on_error=False)
    async def filter_in_background(self, query: str) -> None:
        """Show the incidents that match `query` once the user stops typing for
        FILTER_DELAY seconds, asking the index in a thread: a keystroke repaints at once, and
        a newer keystroke cancels this one (exclusive worker); a result that comes back
        after the filter changed again is dropped."""
        await asyncio.sleep(FILTER_DELAY)
        now = self.now
        words = query.casefold().split()
        try:
            rows = await asyncio.to_thread(self.read_listing, now, words)
        except Exception as error:  # reported in one line, like any other failure
            tell(self.app, error_line(error), error=True)
            rows = Listing(None, now)
        if self.query_one("#filter", Input).value == query:
            self.show_rows(query, rows)

    def read_listing(self, now: datetime, words: list[str]) -> Listing:
        """The listing for `words`, with the rows the list measures its columns on already
        read (run in a thread: the keystroke after it does not wait for the index)."""
        rows = Listing(self.store.index, now, words)
        rows[:MEASURED]
        return rows

    def show_rows(self, query: str, rows: Listing) -> None:
        """Put `rows` (the listing for `query`) on the list and say how many match."""
        words = query.casefold().split()
        self.query_one(IncidentList).set_rows(rows, self.now)
        self.query_one("#empty").display = self.checked and not self.total
        count = self.query_one("#count", Static)
        if words:
            line = _("{shown} of {total} match").format(shown=len(rows), total=self.total)
            count.update(Content(line + " ") + plain(query, "bold"))
        elif self.total:
            n = self.total
            legend = _("! = follow-up overdue")
            if self.store.index.any_warnings():
                legend += ", " + _("{mark} = off-platform talk, see the incident").format(mark=WARNING_MARK)
            line = ngettext("{n} incident, most urgent first", "{n} incidents, most urgent first", n).format(n=n)
            count.update(Content(_("{count} ({legend})").format(count=line, legend=legend)))
        count.display = bool(self.total) or not self.checked

    # ------------------------------------------------------------------ filter

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        if self.BACKGROUND_LOAD:
            self.filter_in_background(event.value)
        else:  # tests: the list is filtered when the key is handled
            self.apply_filter()

    @on(Input.Submitted, "#filter")
    def filter_done(self) -> None:
        self.query_one(IncidentList).focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.value = ""
        box.display = False
        self.apply_filter()
        self.query_one(IncidentList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return self.query_one("#filter").display
        if action == "export" and not getattr(self.app, "export_available", False):
            return False
        if action in ("delete", "export"):
            return self.query_one(IncidentList).selected is not None or None
        return True

    # ------------------------------------------------------------------ actions

    def action_reload(self) -> None:
        self.reload()

    def action_new(self, fields: object | None = None) -> None:
        from screens.forms import IncidentFields, IncidentForm
        from screens.forms.base import forget_draft

        def created(result: IncidentFields | None) -> None:
            if result is None:
                return
            from journal.actions import new_incident

            warnings: list[str] = []
            ok, incident = attempt(
                self.app,
                lambda: new_incident(
                    self.store,
                    kind=result.kind,
                    title=result.title,
                    platform=result.platform,
                    opened_at=result.opened_at,
                    follow_up_at=result.follow_up_at,
                    summary=result.summary,
                    contract=result.contract or None,
                    warnings=warnings,
                    stops_work=result.stops_work,
                ),
            )
            if not ok or incident is None:
                form = IncidentForm(initial=result, contracts=contracts, ask_kinds=ask_kinds)
                self.app.push_screen(
                    form.keep_draft(self.store, *NEW_DRAFT, restore=False), created
                )  # keep what was typed
                return
            forget_draft(self.store, *NEW_DRAFT)
            for line in warnings:
                tell(self.app, line, error=True)
            self.reload(select=incident.id)
            self.open_incident(incident.id)

        contracts, ask_kinds = self.roster_choices()
        form = IncidentForm(contracts=contracts, ask_kinds=ask_kinds)
        self.app.push_screen(form.keep_draft(self.store, *NEW_DRAFT), created)

    def roster_choices(self) -> tuple[list[tuple[str, str]], frozenset[str]]:
        """The active roster contracts as (label, roster id), and the kinds that ask which one
        a new incident is about. A roster that cannot be read is named once and not offered."""
        from journal.model import KINDS
        from journal.roster import active_contracts
        from journal.templates import load_template

        try:
            ask_kinds = frozenset(kind for kind in KINDS if load_template(kind).ask_contract)
            if not ask_kinds:
                return [], ask_kinds
            roster = active_contracts(self.store)
        except Exception as error:
            tell(self.app, _("Contract roster not offered: {error}").format(error=error_line(error)), error=True)
            return [], frozenset()
        labels = [
            (
                f"{c.client} · {c.contract_id or c.id}"
                + (" · " + _("due {deadline}").format(deadline=c.deadline) if c.deadline else ""),
                c.id,
            )
            for c in roster
        ]
        return labels, ask_kinds

    @on(IncidentList.Selected)
    def selected(self, event: IncidentList.Selected) -> None:
        self.open_incident(event.summary.id)

    def open_incident(self, incident_id: str, tab: str | None = None) -> None:
        """Show an incident (its screen's modules are loaded the first time), on `tab` (a
        tab id such as `requests`) when given: set before the screen is mounted, so a key
        typed at once goes to that tab."""
        from screens.incident import IncidentScreen

        ok, screen = attempt(self.app, lambda: IncidentScreen(self.store, incident_id))
        if ok and screen is not None:
            screen.initial_tab = tab
            self.app.push_screen(screen, lambda _: self.reload(select=incident_id))

    def action_delete(self) -> None:
        summary = self.query_one(IncidentList).selected
        if summary is None:
            return
        before, _title, after = _("Move the incident {title} to the trash?").partition("{title}")
        question = Content.assemble(
            before,
            plain(summary.title, "bold"),
            after + "\n",
            Content(_("The file goes to {folder}; nothing is erased.").format(folder=self.store.trash_dir)),
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            ok, target = attempt(self.app, lambda: self.store.delete(summary.id))
            if ok and isinstance(target, Path):
                name, folder = file_and_folder(target)
                tell(
                    self.app,
                    _("Moved {name} to the trash ({folder})").format(name=name, folder=folder),
                    whole=(name, folder),
                )
                self.reload()

        self.app.push_screen(ConfirmModal(question, yes=_("Move to trash"), no=_("Keep")), answered)

    def action_export(self) -> None:
        summary = self.query_one(IncidentList).selected
        if summary is not None:
            self.app.open_export(summary.id)  # type: ignore[attr-defined]

    def action_now(self) -> None:
        from screens.now import NowScreen

        self.app.push_screen(NowScreen(self.store), lambda _: self.reload())

    def action_contracts(self) -> None:
        from screens.roster import RosterScreen

        self.app.push_screen(RosterScreen(self.store), lambda _: self.reload())

    def action_import_file(self) -> None:
        from screens.import_file import ImportDone, ImportModal

        def done(result: ImportDone | None) -> None:
            if result is not None:
                tell(self.app, result.line())
                self.reload(select=result.incident_id)

        self.app.push_screen(ImportModal(self.store), done)
