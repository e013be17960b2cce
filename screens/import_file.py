"""Import an incident file: a path, validated in full before anything is written; each
failure shown as one line (`file:line:col: reason`). An incident already in the journal is
never overwritten: the import gets a new id, shown."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from journal.i18n import N_, _
from journal.importing import import_file
from journal.store import Store
from screens.fields import SafeInput
from screens.hanging import Paragraph
from screens.safe import error_line, plain
from screens.translated import TranslatedBindings


@dataclass(frozen=True)
class ImportDone:
    """What the import modal gives back."""

    incident_id: str
    title: str
    wanted_id: str | None = None
    """The id the file asked for, when it was taken (or not valid) and a new one was given."""

    def line(self) -> str:
        """One line for the user."""
        if self.wanted_id is not None:
            return _("Imported as {id} (the file's id was taken or not valid; nothing was overwritten)").format(
                id=self.incident_id
            )
        return _("Imported as {id}").format(id=self.incident_id)


class ImportModal(TranslatedBindings, ModalScreen[ImportDone | None]):
    """Type the path of an incident file (TOML, as exported); enter imports it."""

    CSS_PATH = "import_file.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="import.cancel", tooltip=N_("Close without importing"))]

    def __init__(self, store: Store, path: str = "") -> None:
        super().__init__()
        self.store = store
        self.path = path
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Paragraph(Content(_("Import an incident file")), classes="dialog-title")
            yield SafeInput(
                self.path, id="import-path", placeholder=_("path to a .toml incident file (~ allowed)"), compact=True
            )
            yield Paragraph(id="import-error")
            yield Paragraph(
                Content(
                    _(
                        "enter imports · escape cancels · the whole file is checked first; "
                        "an incident already here is never overwritten"
                    )
                ),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#import-error").display = False
        self.query_one("#import-path").focus()

    @on(Input.Submitted, "#import-path")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.show_error(_("Type the path of the file to import"))
            return
        if self.busy:
            return
        self.busy = True
        self.query_one("#import-error", Static).display = False
        self.run_import(Path(text).expanduser())

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def run_import(self, path: Path) -> None:
        """Validate and import in a thread (a hostile file takes up to a second to refuse)."""
        try:
            incident, wanted = import_file(self.store, path)
        except Exception as error:  # every refusal is one line
            self.app.call_from_thread(self.failed, error_line(error))
            return
        self.app.call_from_thread(self.dismiss, ImportDone(incident.id, incident.title, wanted))

    def failed(self, line: str) -> None:
        self.busy = False
        self.show_error(line)

    def show_error(self, line: str) -> None:
        box = self.query_one("#import-error", Static)
        box.update(plain(_("Not imported: {error}").format(error=line)))
        box.display = True
        self.query_one("#import-path").focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
