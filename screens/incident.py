"""One incident: a headline, and six tabs switched with 1-6. Every change is saved at once
through the store; a file changed on disk meanwhile is never overwritten blindly.

Why about 440 lines: the screen itself (tabs, saving, conflicts, the look for warnings after the
first paint); its forms are in `screens.incident_forms`, actions on items in
`screens.incident_actions`, contracts in `screens.incident_contracts`, drafts of replies in
`screens.incident_drafts`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, TabbedContent, TabPane

from journal import clock, i18n, labels, undo
from journal.alerts import MAX_SCAN_CHARS, Alert, incident_alerts
from journal.errors import ConflictError
from journal.i18n import N_, _
from journal.model import Incident
from journal.store import Store
from journal.text import printable
from journal.timeshow import show_moment
from screens.footer import FittedFooter
from screens.forms import (
    FollowUpForm,
)
from screens.hanging import HangingLines
from screens.incident_actions import ACTION_BINDINGS, SESSION
from screens.incident_forms import IncidentForms
from screens.incident_long_text import text_modal
from screens.incident_tabs import Checklist, Contracts, Messages, Overview, Requests, TableTab, Timeline, headline
from screens.modals import ConflictModal
from screens.safe import attempt, error_line, plain, tell
from screens.translated import TranslatedBindings

TABS = ("overview", "messages", "timeline", "checklist", "contracts", "requests")
TAB_LABELS = {
    "overview": N_("Overview"),
    "messages": N_("Messages"),
    "timeline": N_("Timeline"),
    "checklist": N_("Checklist"),
    "contracts": N_("Contracts"),
    "requests": N_("Requests"),
}
"""Each tab's name (in Japanese the Requests tab is 「サポートからの依頼」, as the checklist
templates call it)."""
TAB_TOOLTIPS = {
    "overview": N_("Show the Overview tab"),
    "messages": N_("Show the Messages tab"),
    "timeline": N_("Show the Timeline tab"),
    "checklist": N_("Show the Checklist tab"),
    "contracts": N_("Show the Contracts tab"),
    "requests": N_("Show the Requests tab"),
}
ALERTS_AT_ONCE = 200_000
"""Characters of message text looked through for off-platform talk (journal.alerts) before
the first paint; an incident with more (1,000 messages) paints at once and a worker fills in
the headline's and Overview's warnings a moment later."""
DISK_CHECK_SECONDS = 5.0
"""How often an open incident's file is compared with the version shown."""
TABLES = {
    "messages": "messages-table",
    "timeline": "events-table",
    "checklist": "checklist-table",
    "contracts": "contracts-table",
    "requests": "requests-table",
}


def tab_binding(number: int, name: str) -> Binding:
    return Binding(
        str(number),
        f"tab('{name}')",
        TAB_LABELS[name],
        show=False,
        id=f"incident.tab-{name}",
        tooltip=TAB_TOOLTIPS[name],
    )


TAB_WIDGETS: dict[str, type[TableTab] | type[Overview]] = {
    "overview": Overview,
    "messages": Messages,
    "timeline": Timeline,
    "checklist": Checklist,
    "contracts": Contracts,
    "requests": Requests,
}


class IncidentScreen(TranslatedBindings, IncidentForms, Screen[None]):
    """An incident and everything recorded about it."""

    CSS_PATH = "incident.tcss"
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="incident.back", tooltip=N_("Back to the list of incidents")),
        *[tab_binding(n, name) for n, name in enumerate(TABS, start=1)],
        Binding("a", "add", N_("Add"), id="incident.add", tooltip=N_("Add an item to the current tab")),
        Binding(
            "e",
            "edit",
            N_("Edit"),
            id="incident.edit",
            tooltip=N_("Edit the selected item (the incident itself on Overview)"),
        ),
        Binding(
            "space",
            "tick",
            N_("Tick"),
            id="incident.toggle",
            tooltip=N_("Tick or untick the checklist item (records when)"),
        ),
        Binding(
            "s",
            "status",
            N_("Status"),
            id="incident.status",
            tooltip=N_("Change the status (recorded on the timeline)"),
        ),
        Binding(
            "f",
            "follow_up",
            N_("Follow-up"),
            id="incident.follow-up",
            tooltip=N_("Set when to act next if nothing happens"),
        ),
        Binding("x", "export", N_("Export"), id="incident.export", tooltip=N_("Export this incident")),
        *ACTION_BINDINGS,
        Binding(
            "u",
            "security_questions",
            N_("Usual questions"),
            id="incident.security-questions",
            tooltip=N_("Support asked the usual security questions: add the four as requests to answer"),
        ),
    ]

    def __init__(self, store: Store, incident_id: str) -> None:
        super().__init__()
        self.store = store
        self.incident: Incident = store.load(incident_id)
        self.told_changed: str | None = None
        """The revision whose change on disk was already told."""
        self.stale_tabs: set[str] = set(TAB_WIDGETS)
        self.language = i18n.language()
        """The language the tabs were named in."""
        self.alerts: tuple[Incident, list[Alert]] | None = None
        """The warnings of the incident object shown (journal.alerts), once looked for."""
        self.initial_tab: str | None = None
        """The tab to open on (set before the screen is pushed: Now opens a request on
        Requests); applied when mounted, before any key typed meanwhile is handled."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield HangingLines(id="headline")
        with TabbedContent(id="tabs"):
            for n, (name, widget) in enumerate(
                [
                    ("overview", Overview()),
                    ("messages", Messages()),
                    ("timeline", Timeline()),
                    ("checklist", Checklist()),
                    ("contracts", Contracts(self.store)),
                    ("requests", Requests()),
                ],
                start=1,
            ):
                with TabPane(f"{n} {_(TAB_LABELS[name])}", id=name):
                    yield widget
        yield FittedFooter()

    def on_mount(self) -> None:
        self.show()
        if self.initial_tab:
            self.action_tab(self.initial_tab)
        self.call_after_refresh(self.rescue_drafts)  # told once the screen is shown
        self.set_interval(DISK_CHECK_SECONDS, self.check_disk)

    def on_screen_resume(self) -> None:
        if self.language != i18n.language():  # switched from the palette while this screen was open
            self.relabel()
            self.show()
        self.check_disk()

    def relabel(self) -> None:
        """Name the tabs in the app's language now."""
        self.language = i18n.language()
        tabs = self.query_one(TabbedContent)
        for number, name in enumerate(TABS, start=1):
            tabs.get_tab(name).label = f"{number} {_(TAB_LABELS[name])}"

    def check_disk(self) -> None:
        """When the incident's file changed on disk (another app, the command line, an
        editor): with nothing open over this screen, show the new version at once (nothing
        typed can be lost: every change here is saved as it is made) and say so; with a form
        open, say once that the next save asks what to do."""
        revision = self.incident.revision
        if self.told_changed == revision or self.store.is_current(self.incident):
            return
        if self.app.screen is self and self.store.path_for(self.incident.id).exists():
            self.reload()
            if self.incident.revision != revision:
                tell(
                    self.app,
                    _("This incident changed on disk (another window or the command line); showing it as it is now"),
                )
                return
        self.told_changed = revision
        tell(
            self.app,
            _(
                "This incident changed on disk since it was opened; your next change will ask whether to keep yours "
                "or reload"
            ),
        )

    # ------------------------------------------------------------------ showing

    @property
    def tab(self) -> str:
        return self.query_one(TabbedContent).active or "overview"

    def show(self) -> None:
        """Show the incident as it is now: the headline and the current tab at once, the
        other tabs when they are opened (a 1,000-message incident opens fast)."""
        now = clock.now()
        self.show_headline(now)
        self.stale_tabs = set(TAB_WIDGETS)
        self.show_tab(self.tab, now)
        self.refresh_bindings()

    def show_headline(self, now: datetime) -> None:
        # The headline's parts (kind · status · on hold ...) wrap between parts, not inside one.
        line = headline(self.incident, now, self.known_alerts())
        self.query_one("#headline", HangingLines).update([(Content(""), line)])

    def known_alerts(self) -> list[Alert]:
        """The shown incident's warnings: looked for now when its messages are short
        (ALERTS_AT_ONCE), else by a worker (until it is done, the warnings last found)."""
        incident = self.incident
        if self.alerts is not None and self.alerts[0] is incident:
            return self.alerts[1]
        size = sum(min(len(m.subject) + len(m.body) + 2, MAX_SCAN_CHARS) for m in incident.messages)
        if size <= ALERTS_AT_ONCE:
            self.alerts = (incident, incident_alerts(incident))
            return self.alerts[1]
        self.look_for_alerts(incident)
        return self.alerts[1] if self.alerts is not None else []

    @work(thread=True, exclusive=True, group="alerts", exit_on_error=False)
    def look_for_alerts(self, incident: Incident) -> None:
        found = incident_alerts(incident)
        self.app.call_from_thread(self.alerts_found, incident, found)

    def alerts_found(self, incident: Incident, found: list[Alert]) -> None:
        """Show the warnings a worker found, if the incident shown is still the one it read."""
        if incident is not self.incident:
            return
        self.alerts = (incident, found)
        now = clock.now()
        self.show_headline(now)
        self.stale_tabs.add("overview")
        if self.tab == "overview":
            self.show_tab("overview", now)

    def show_tab(self, name: str, now: datetime | None = None) -> None:
        """Fill a tab from the incident, if it changed since the tab was last filled."""
        if name in self.stale_tabs:
            self.stale_tabs.discard(name)
            if name == "overview":
                self.query_one(Overview).show(self.incident, now or clock.now(), self.known_alerts())
            else:
                self.query_one(TAB_WIDGETS[name]).show(self.incident, now or clock.now())

    def table(self) -> DataTable | None:
        name = TABLES.get(self.tab)
        return self.query_one(f"#{name}", DataTable) if name else None

    def selected_index(self) -> int | None:
        """The row under the cursor in the current tab's table, if any."""
        table = self.table()
        if table is None or table.row_count == 0:
            return None
        return table.cursor_row

    def action_tab(self, name: str) -> None:
        self.query_one(TabbedContent).active = name
        self.show_tab(name)
        self.focus_tab()

    def focus_tab(self) -> None:
        table = self.table()
        if table is not None:
            table.focus()
        else:
            self.query_one(Overview).focus()

    @on(TabbedContent.TabActivated)
    def tab_activated(self) -> None:
        self.show_tab(self.tab)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "tick":
            return self.tab == "checklist"
        if action == "security_questions":
            return self.tab == "requests"
        if action == "edit" and self.tab != "overview":
            return self.selected_index() is not None or None
        if action == "export":
            return bool(getattr(self.app, "export_available", False))
        return self.actions_allowed(action)

    # ------------------------------------------------------------------ saving

    def change(
        self,
        apply: Callable[[Incident], Any],
        done: str,
        reopen: Callable[[], object] | None = None,
        label: str | None = None,
    ) -> bool:
        """Apply a change to a copy of the incident and save it; on success show it. On a
        conflict ask what to do; on any other failure say so in one line and `reopen`
        the form with what was typed."""
        draft = copy.deepcopy(self.incident)
        try:
            apply(draft)
            undo.save(self.store, draft, label or done, SESSION)
        except ConflictError:
            name = self.store.path_for(self.incident.id).name
            self.resolve_conflict(apply, done, _("File: {name}").format(name=name), reopen)
            return False
        except Exception as error:
            tell(self.app, error_line(error), error=True)
            if reopen:
                reopen()
            return False
        self.incident = draft
        self.show()
        tell(self.app, done)
        while self.store.warnings:  # at 80 % of what one incident holds (journal.limits)
            tell(self.app, self.store.warnings.pop(0), error=True)
        return True

    def resolve_conflict(
        self, apply: Callable[[Incident], Any], done: str, detail: str, reopen: Callable[[], object] | None
    ) -> None:
        """The file changed or was deleted underneath: never overwrite or recreate it. "Keep
        mine" saves the user's version beside it (`<id>.conflict-<time>.toml`) and shows the
        file's version; "reload" shows the file's version and reopens the form."""
        deleted = not self.store.path_for(self.incident.id).exists()

        def chosen(choice: str | None) -> None:
            if choice == "mine":

                def keep() -> Path:
                    mine = copy.deepcopy(self.incident)
                    apply(mine)
                    return self.store.save_conflict_copy(mine)

                ok, kept = attempt(self.app, keep)
                if ok and kept is not None:
                    text = (
                        _("Your version is kept beside the file: {path}; the incident's file was deleted")
                        if deleted
                        else _("Your version is kept beside the file: {path}; showing the file's new version")
                    )
                    tell(self.app, text.format(path=kept))
                    if deleted:
                        self.dismiss(None)
                    else:
                        self.reload()
                    return
            elif choice == "reload":
                self.reload()
            if reopen:
                reopen()

        self.app.push_screen(ConflictModal(detail, deleted=deleted), chosen)

    def reload(self) -> None:
        """Read the incident's file again."""
        ok, incident = attempt(self.app, lambda: self.store.load(self.incident.id))
        if ok and incident is not None:
            self.incident = incident
            self.show()

    # ------------------------------------------------------------------ actions

    def action_back(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        self.app.open_export(self.incident.id)  # type: ignore[attr-defined]

    def action_follow_up(self) -> None:
        def chosen(value: Any) -> None:
            if value is None:
                return
            moment = value or None
            text = _("Follow-up: {when}").format(when=show_moment(moment)) if moment else _("Follow-up removed")
            self.change(
                lambda d: setattr(d, "follow_up_at", moment),
                text,
                reopen=lambda: self.app.push_screen(FollowUpForm(moment), chosen),
            )

        self.app.push_screen(FollowUpForm(self.incident.follow_up_at), chosen)

    def action_add(self) -> None:
        self.open_form(self.tab, None)

    def action_edit(self) -> None:
        if self.tab == "overview":
            self.action_edit_incident()
            return
        index = self.selected_index()
        if index is not None:
            self.open_form(self.tab, index)

    @on(DataTable.RowSelected)
    def row_chosen(self, event: DataTable.RowSelected) -> None:
        index = event.cursor_row
        if event.data_table.id == "messages-table":
            self.read_message(index)
        elif event.data_table.id == "requests-table":
            self.open_form("requests", index)
        elif event.data_table.id == "checklist-table":
            self.action_tick()
        else:
            self.open_form(self.tab, index)

    def read_message(self, index: int) -> None:
        m = self.incident.messages[index]
        sender = _("from {sender}").format(sender=m.sender or "-")
        subject = m.subject or _("(no subject)")
        head = plain(
            f"{show_moment(m.at, with_utc=True)} · {labels.direction(m.direction)} · {labels.channel(m.channel)}"
            f" · {sender} · {subject}"
        )
        body = m.body or _("(no body)")
        if m.note:
            body += "\n\n" + _("--- my note ---") + "\n" + m.note
        self.app.push_screen(text_modal(head, printable(body).expandtabs(4)))
