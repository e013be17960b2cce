"""The history of one incident (`h`): every version kept in git, newest first; enter on one
asks, then restores it as a new change. The versions are read in a worker (the core reads
git), after the commits still queued were made."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from journal import clock
from journal.history import History, Version
from journal.i18n import N_, _
from journal.store import Store
from screens.hanging import Paragraph
from screens.modals import MODALS_TCSS, Dialog
from screens.safe import error_line, plain


class HistoryModal(Dialog[Version | None]):
    """Pick a version of an incident to restore; escape closes without restoring."""

    CSS_PATH = [MODALS_TCSS, "history.tcss"]
    BINDINGS = [Binding("escape", "cancel", N_("Close"), id="history.close", tooltip=N_("Close without restoring"))]

    def __init__(self, store: Store, incident_id: str, title: str) -> None:
        super().__init__()
        self.store = store
        self.incident_id = incident_id
        self.heading = title
        self.versions: list[Version] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            before, _title, after = _("History of {title}").partition("{title}")
            yield Paragraph(Content.assemble(before, plain(self.heading), after), classes="dialog-title")
            yield OptionList(id="versions")
            yield Paragraph(Content(_("Reading history…")), id="history-note")

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        recorder = getattr(self.app, "history_recorder", None)
        if recorder is not None:
            recorder.flush(5.0)  # the last changes are in the list
        try:
            found = History(self.store.data_dir).versions(self.store, self.incident_id)
            self.app.call_from_thread(self.show, found, "")
        except Exception as error:  # one line, never a traceback
            self.app.call_from_thread(self.show, [], error_line(error))

    def show(self, versions: list[Version], problem: str) -> None:
        self.versions = versions
        options = self.query_one(OptionList)
        options.clear_options()
        for n, version in enumerate(versions):
            when = version.at.astimezone(clock.local_zone()).strftime("%Y-%m-%d %H:%M")
            gone = "  (" + _("deleted") + ")" if not version.exists else ""
            options.add_option(Option(plain(f"{version.short}  {when}  {version.message}{gone}"), id=str(n)))
        note = problem or (
            _("enter restores the chosen version as a new change (nothing is lost) · escape closes")
            if versions
            else _("No versions yet: history starts with the next change")
        )
        self.query_one("#history-note", Static).update(plain(note))
        if versions:
            options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        version = self.versions[int(event.option.id or 0)]
        if version.exists:
            self.dismiss(version)

    def action_cancel(self) -> None:
        self.dismiss(None)
