"""Attach a file: a picker (a directory tree from the user's home, and a path field to type
or paste into), then a copy into the journal in a worker thread with progress and cancel.

The copy is the core's (`journal.attachments.copy_in`: content-addressed, hashed while it is
written, a FIFO, device, link or folder refused unread). The screen only picks the path,
shows the bytes copied and sets the cancel event; a multi-GB file never blocks the UI.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, DirectoryTree, Input, ProgressBar, Static
from textual.worker import Worker, WorkerState

from journal import attachments
from journal.errors import JournalError
from journal.evidence import file_name
from journal.i18n import N_, _, ngettext
from journal.model import Attachment
from journal.store import Store
from screens.hanging import Paragraph
from screens.modals import MODALS_TCSS, Dialog
from screens.safe import error_line, log, plain, tell

PROGRESS_SECONDS = 0.1
"""At most this often the worker reports bytes copied to the screen."""


def size_text(size: int) -> str:
    """A size in bytes for people: `512 bytes`, `1.4 MB`, `2.0 GB` (powers of 1000)."""
    if size < 1000:
        return ngettext("{n} byte", "{n} bytes", size).format(n=f"{size:,}")
    value = float(size)
    for unit in ("kB", "MB", "GB", "TB"):
        value /= 1000
        if value < 1000 or unit == "TB":
            return f"{value:.1f} {unit}"
    return ngettext("{n} byte", "{n} bytes", size).format(n=f"{size:,}")  # pragma: no cover - never reached


def attachment_line(item: Attachment) -> Content:
    """One attachment as the detail panes show it: name, size and the full SHA-256. A file
    kept in the journal shows its original name; a path-only one its path as recorded (its
    name alone could be a different file, and the path is where to look for it). One that
    came with an imported incident is marked as the sender's file, with its name only."""
    if item.imported:
        sha = item.sha256 or "-"
        return Content.assemble(
            (_("File (imported, the sender's): "), "bold"),
            plain(file_name(item.original or item.path)),
            (f"  {size_text(item.size)}  sha256 {sha}", "dim"),
        )
    name = file_name(item.original or item.path) if attachments.is_stored(item) else item.path
    sha = item.sha256 or "- (" + _("only a path: `check --copy-in` copies it into the journal") + ")"
    return Content.assemble((_("File:") + " ", "bold"), plain(name), (f"  {size_text(item.size)}  sha256 {sha}", "dim"))


def typed_path(text: str, home: Path) -> Path:
    """The path typed or pasted in the field: `~` expanded, quotes a file manager adds on
    paste taken off, a relative path read from `home`."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    path = Path(text).expanduser()
    return path if path.is_absolute() else home / path


class AttachModal(Dialog[Attachment | None]):
    """Pick a file and copy it into the journal; dismissed with the stored attachment, or
    None when the user leaves or cancels (nothing is then stored)."""

    CSS_PATH = [MODALS_TCSS, "attach.tcss"]
    BINDINGS = [
        Binding(
            "escape",
            "leave",
            N_("Cancel"),
            id="attach.cancel",
            tooltip=N_("Stop the copy (nothing is attached), or close the picker"),
        ),
        Binding(
            "ctrl+l",
            "focus_path",
            N_("Path"),
            id="attach.path",
            tooltip=N_("Type or paste the path of the file to attach"),
        ),
    ]

    def __init__(self, store: Store, where: str, home: Path | None = None) -> None:
        super().__init__()
        self.store = store
        self.where = where
        """What the file is attached to, as the title says it (`message 2`)."""
        self.home = home or Path.home()
        self.cancel = threading.Event()
        self.copying: Worker[Attachment] | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Paragraph(plain(_("Attach a file to {where}").format(where=self.where)), classes="dialog-title")
            yield DirectoryTree(self.home, id="attach-tree")
            yield Input(
                placeholder=_("or type / paste a path (~/Pictures/ip-check.png); enter attaches"),
                id="attach-path",
                compact=True,
            )
            with Vertical(id="attach-progress"):
                yield Paragraph(Content(""), id="attach-copying")
                yield ProgressBar(total=None, show_eta=False, id="attach-bar")
            yield Paragraph(
                Content(_("The file is copied into the journal (SHA-256 kept); enter on a file attaches it")),
                id="attach-status",
            )
            with Horizontal(classes="buttons"):
                yield Button(Content(_("Attach")), id="attach-go", variant="primary", compact=True)
                yield Button(Content(_("Cancel")), id="attach-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one(DirectoryTree).focus()

    def on_unmount(self) -> None:
        self.cancel.set()  # the app is closing: a copy under way stops and leaves nothing

    def action_focus_path(self) -> None:
        self.query_one("#attach-path", Input).focus()

    @on(DirectoryTree.FileSelected)
    def file_chosen(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self.query_one("#attach-path", Input).value = str(event.path)
        self.start(event.path)

    @on(Input.Submitted, "#attach-path")
    @on(Button.Pressed, "#attach-go")
    def path_given(self, event: Input.Submitted | Button.Pressed) -> None:
        event.stop()
        text = self.query_one("#attach-path", Input).value
        if not text.strip():
            node = self.query_one(DirectoryTree).cursor_node
            if node is not None and node.data is not None and not node.allow_expand:
                self.start(Path(node.data.path))
                return
            tell(self.app, _("Choose a file in the tree, or type its path"), error=True)
            self.action_focus_path()
            return
        self.start(typed_path(text, self.home))

    @on(Button.Pressed, "#attach-cancel")
    def cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_leave()

    def action_leave(self) -> None:
        """Escape: stop a copy under way (the worker removes its partial file), else close."""
        if self.copying is not None and self.copying.state in (WorkerState.PENDING, WorkerState.RUNNING):
            self.cancel.set()
            self.query_one("#attach-copying", Static).update(Content(_("Stopping the copy…")))
            return
        self.dismiss(None)

    # ------------------------------------------------------------------ the copy

    def start(self, path: Path) -> None:
        """Copy `path` into the journal in a worker; the picker is hidden meanwhile."""
        if self.copying is not None and self.copying.state in (WorkerState.PENDING, WorkerState.RUNNING):
            return
        self.cancel = threading.Event()
        self.add_class("copying")
        self.query_one("#attach-go", Button).disabled = True
        self.query_one("#attach-cancel", Button).focus()
        self.query_one("#attach-copying", Static).update(plain(_("Copying {path} into the journal…").format(path=path)))
        self.query_one("#attach-status", Static).update(
            Content(_("escape or Cancel stops it; nothing is attached then"))
        )
        bar = self.query_one("#attach-bar", ProgressBar)
        bar.update(total=None, progress=0)
        self.copying = self.copy_file(path)

    @work(thread=True, exclusive=True, group="attach", exit_on_error=False)
    def copy_file(self, path: Path) -> Attachment:
        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            moment = time.monotonic()
            if moment - last >= PROGRESS_SECONDS or done >= total:
                last = moment
                self.app.call_from_thread(self.show_progress, path, done, total)

        return attachments.copy_in(self.store, path, progress=progress, cancel=self.cancel)

    def show_progress(self, path: Path, done: int, total: int) -> None:
        self.query_one("#attach-bar", ProgressBar).update(total=max(total, 1), progress=done)
        stopping = _("Stopping the copy…") + " " if self.cancel.is_set() else ""
        line = _("Copying {name}: {done} of {total} ({done_bytes} of {total_bytes} bytes)").format(
            name=file_name(str(path)),
            done=size_text(done),
            total=size_text(total),
            done_bytes=f"{done:,}",
            total_bytes=f"{total:,}",
        )
        self.query_one("#attach-copying", Static).update(plain(stopping + line))

    @on(Worker.StateChanged)
    def copy_ended(self, event: Worker.StateChanged) -> None:
        if event.worker is not self.copying or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        if event.state == WorkerState.SUCCESS and isinstance(event.worker.result, Attachment):
            self.dismiss(event.worker.result)
            return
        error = event.worker.error
        if not isinstance(error, JournalError):
            log.debug("attaching failed", exc_info=error)
        message = error_line(error) if error is not None else _("the copy stopped")
        self.remove_class("copying")
        self.query_one("#attach-go", Button).disabled = False
        self.query_one("#attach-status", Static).update(plain(message, "$error"))
        tell(self.app, message, error=not isinstance(error, attachments.Cancelled))
        self.action_focus_path()
