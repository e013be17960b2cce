"""The bundle for support (`b` on the export screen): what goes in, the files to include
when redacting (a checklist, none ticked at first), and where to write the zip.

The bundle itself is the core's (`journal.bundle.write_bundle`): summary.md in the export's
language, incident.toml, the attached files and MANIFEST.txt, written atomically, 0600.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, SelectionList
from textual.widgets.selection_list import Selection

from journal import i18n
from journal.evidence import attachments, file_name
from journal.i18n import N_, _, ngettext
from journal.model import Incident
from screens.attach import size_text
from screens.hanging import Paragraph
from screens.modals import MODALS_TCSS, ConfirmModal, Dialog
from screens.safe import attempt, error_line, file_and_folder, log, plain, tell


@dataclass(frozen=True)
class BundleChoice:
    """What the bundle dialog gives back."""

    path: str
    """The zip to write, as typed (a bare name goes in the exports folder)."""
    ticked: tuple[str, ...] = ()
    """SHA-256 of each attached file to include in a redacted bundle."""


class BundleModal(Dialog[BundleChoice | None]):
    """Where to write the bundle and, when redacting, which attached files go in."""

    CSS_PATH = [MODALS_TCSS, "bundle.tcss"]
    BINDINGS = [
        Binding("escape", "leave", N_("Cancel"), id="bundle.cancel", tooltip=N_("Close without writing the bundle")),
        Binding(
            "ctrl+s", "write", N_("Write bundle"), id="bundle.write", tooltip=N_("Write the bundle to the file named")
        ),
    ]

    def __init__(self, incident: Incident, default_path: str, redact: bool, lang: str) -> None:
        super().__init__()
        self.incident = incident
        self.default_path = default_path
        self.redact = redact
        self.lang = lang
        self.files = attachments(incident)

    def compose(self) -> ComposeResult:
        language = i18n.NAMES.get(self.lang, self.lang)
        summary = (
            _("summary.md (Markdown, labels in {language}, redacted)")
            if self.redact
            else _("summary.md (Markdown, labels in {language})")
        ).format(language=language)
        with Vertical():
            yield Paragraph(Content(_("Bundle for support (one zip)")), classes="dialog-title")
            yield Paragraph(
                Content(
                    summary + " · " + _("incident.toml · the attached files · MANIFEST.txt (size and SHA-256 of each)")
                ),
                classes="bundle-line",
            )
            if not self.files:
                yield Paragraph(Content(_("No files are attached to this incident.")), classes="bundle-line")
            elif self.redact:
                yield Paragraph(
                    Content(
                        _(
                            "Redacted: tick the files support may see (space ticks; none at first). "
                            "Their names become file.<ext>."
                        )
                    ),
                    classes="bundle-line",
                )
                yield SelectionList[str](
                    *[
                        Selection(self.label(used_in, item), item.sha256 or item.path, False)
                        for used_in, item in self.files
                    ],
                    id="bundle-files",
                )
            else:
                yield Paragraph(
                    Content(_("Every attached file goes in ({n}):").format(n=len(self.files))), classes="bundle-line"
                )
                for used_in, item in self.files:
                    yield Paragraph(self.label(used_in, item), classes="bundle-line")
            yield Input(self.default_path, placeholder=_("zip file to write"), id="bundle-path", compact=True)
            with Horizontal(classes="buttons"):
                yield Button(Content(_("Write bundle")), id="bundle-go", variant="primary", compact=True)
                yield Button(Content(_("Cancel")), id="bundle-cancel", compact=True)

    @staticmethod
    def label(used_in: str, item) -> Content:
        return Content.assemble(
            plain(file_name(item.original or item.path)), (f"  {size_text(item.size)} · {used_in}", "dim")
        )

    def on_mount(self) -> None:
        lists = self.query(SelectionList)
        (lists.first() if lists else self.query_one("#bundle-path", Input)).focus()

    def action_leave(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#bundle-cancel")
    def cancel_pressed(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#bundle-path")
    @on(Button.Pressed, "#bundle-go")
    def write_pressed(self) -> None:
        self.action_write()

    def action_write(self) -> None:
        path = self.query_one("#bundle-path", Input).value.strip()
        if not path:
            tell(self.app, _("Type the zip file to write first"), error=True)
            return
        lists = self.query(SelectionList)
        ticked = tuple(lists.first().selected) if lists else ()
        self.dismiss(BundleChoice(path, ticked))


class BundleActions:
    """`b` for ExportScreen (it gives `store`, `incident`, `options`): ask, then write the
    bundle in a worker thread (a large attached file never blocks the screen); an existing
    file is replaced only when the user says so."""

    def action_bundle(self) -> None:
        from journal.keep import exports_dir

        screen: Any = self
        ok, folder = attempt(screen.app, lambda: exports_dir(screen.store).resolve())
        if not ok or folder is None:
            return
        options = screen.options
        default = str(folder / f"{screen.incident.id}.zip")

        def chosen(choice: BundleChoice | None) -> None:
            if choice is None:
                return
            target = Path(choice.path).expanduser()
            if not target.is_absolute():  # a bare name goes in the exports folder
                target = folder / target
            self.write_bundle_in_background(target, choice.ticked, options, False)

        screen.app.push_screen(BundleModal(screen.incident, default, options.redact, options.lang), chosen)

    @work(thread=True, group="bundle", exit_on_error=False)
    def write_bundle_in_background(self, target: Path, ticked: tuple[str, ...], options: Any, force: bool) -> None:
        from journal import clock
        from journal.bundle import write_bundle
        from journal.sharing import ExistsError

        screen: Any = self
        app = screen.app
        name, folder = file_and_folder(target)
        app.call_from_thread(partial(tell, app, _("Writing the bundle {name}…").format(name=name), whole=(name,)))
        try:
            done = write_bundle(
                screen.store,
                screen.incident,
                target,
                clock.now(),
                redact=options.redact,
                include_notes=options.include_notes,
                ticked=ticked,
                keep_values=options.keep,
                lang=options.lang,
                force=force,
            )
        except ExistsError:
            app.call_from_thread(self.ask_replace, target, ticked, options)
            return
        except Exception as error:  # one line; the screen stays usable
            log.debug("bundle failed", exc_info=True)
            app.call_from_thread(tell, app, error_line(error), error=True)
            return
        details = ngettext("{n} file", "{n} files", len(done.files)).format(n=len(done.files))
        if done.left_out:
            details += "; " + _("{n} left out").format(n=len(done.left_out))
        if options.redact:
            details += ", " + _("{n} masked").format(n=done.masked)
        name, folder = file_and_folder(done.path.resolve())
        line = _("Wrote the bundle {name} ({details}) in {folder}").format(name=name, details=details, folder=folder)
        app.call_from_thread(partial(tell, app, line, whole=(name, folder)))

    def ask_replace(self, target: Path, ticked: tuple[str, ...], options: Any) -> None:
        screen: Any = self

        def answered(replace: bool | None) -> None:
            if replace:
                self.write_bundle_in_background(target, ticked, options, True)

        screen.app.push_screen(
            ConfirmModal(
                plain(_("{path} already exists. Replace it with this bundle?").format(path=target)),
                yes=_("Replace"),
                no=_("Keep it"),
            ),
            answered,
        )
