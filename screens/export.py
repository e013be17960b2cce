"""Export an incident: a preview of exactly what will be written, then a file or the clipboard.

The preview is the text the core builds (`journal.sharing.build_export`), shown literally,
with every masked address highlighted. Toggles switch TOML / Markdown, redaction and the
user's own notes. Writing refuses to replace an existing file unless confirmed. `b` writes
the bundle for support (screens.bundle).

Why one module of about 440 lines: it is one screen, a sixth of it the table of its key bindings
(each with an id and a tooltip); the export it previews is built by `journal.sharing`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Header, Input, Static

from journal import clock, i18n
from journal.i18n import N_, _, ngettext
from journal.keep import default_export_path, load_keep, save_keep
from journal.model import Incident
from journal.sharing import ExistsError, Export, build_export, evidence_dirs_for, write_export
from journal.store import Store
from journal.text import printable
from screens import clipboard
from screens.bundle import BundleActions
from screens.footer import FittedFooter
from screens.hanging import Paragraph
from screens.modals import ConfirmModal
from screens.safe import error_line, file_and_folder, plain, tell
from screens.translated import TranslatedBindings

MASK_STYLE = "bold reverse"
CURRENT_MASK_STYLE = "bold reverse $warning"
OPTION_NAMES = {
    "format": N_("Markdown (f)"),
    "redact": N_("Redact (r)"),
    "notes": N_("My notes (n)"),
    "lang": N_("Labels (l)"),
}
"""The toggles above the preview (English, marked; shown translated with their state)."""
EXTENSIONS = {"toml": ".toml", "markdown": ".md"}


@dataclass(frozen=True)
class Options:
    """What the user chose to share."""

    fmt: str = "toml"
    redact: bool = False
    include_notes: bool = False
    lang: str = "en"
    """Language of the Markdown's labels and headings (en or ja)."""
    keep: tuple[str, ...] = ()
    """Values the user chose to leave as written (remembered per incident)."""


def preview_content(export: Export, current: int | None = None) -> Content:
    """The export's text shown literally (control characters made visible), with the
    placeholders of masked addresses highlighted (the one at index `current` of
    `export.spans` more so: the one `k` keeps)."""
    parts: list[str | tuple[str, str]] = []
    position = 0
    for number, span in enumerate(export.spans):
        parts.append(printable(export.text[position : span.start]).expandtabs(4))
        parts.append((span.label, CURRENT_MASK_STYLE if number == current else MASK_STYLE))
        position = span.end
    parts.append(printable(export.text[position:]).expandtabs(4))
    return Content.assemble(*parts)


def masks_line(export: Export, redact: bool) -> Content:
    """What redaction masked and what it kept, in one or two lines."""
    if not redact:
        return Content("")
    masked = ", ".join(f"{label} {value}" for label, value in export.masked_values.items()) or _("nothing")
    kept = ", ".join(export.kept) or _("nothing")
    return Content.assemble(
        (_("Masked:") + " ", "bold"),
        printable(masked),
        ("  " + _("Kept as written:") + " ", "bold"),
        printable(kept),
        ("  " + _("(] highlights the next mask, k keeps it)"), "dim"),
    )


def option_label(name: str, value: bool) -> Content:
    """A toggle's label with its state in words (not only in colour): `Redact (r): on`;
    the labels' language by its name: `Labels (l): 日本語`."""
    if name == "lang":
        state = i18n.NAMES["ja" if value else "en"]
    else:
        state = _("on") if value else _("off")
    return Content(f"{_(OPTION_NAMES[name])}: {state}")


class ExportScreen(TranslatedBindings, BundleActions, Screen[None]):
    """Preview an incident's export, then write it to a file or copy the Markdown."""

    CSS_PATH = "export.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    """Below 110 columns the toggles take two lines (export.tcss), so each stays whole."""
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="export.back", tooltip=N_("Close without writing anything")),
        Binding(
            "f",
            "toggle_option('format')",
            N_("TOML/Markdown"),
            id="export.format",
            tooltip=N_("Switch between TOML and the Markdown summary"),
        ),
        Binding(
            "r",
            "toggle_option('redact')",
            N_("Redact"),
            id="export.redact",
            tooltip=N_("Mask IP addresses, email addresses and phone numbers"),
        ),
        Binding(
            "n",
            "toggle_option('notes')",
            N_("Notes"),
            id="export.notes",
            tooltip=N_("Include or leave out my own notes"),
        ),
        Binding(
            "l",
            "toggle_option('lang')",
            N_("Language"),
            id="export.lang",
            tooltip=N_("Labels and headings of the Markdown in English or Japanese"),
        ),
        Binding(
            "right_square_bracket",
            "mask(1)",
            N_("Next mask"),
            id="export.next-mask",
            tooltip=N_("Highlight the next masked address"),
        ),
        Binding(
            "left_square_bracket",
            "mask(-1)",
            N_("Prev mask"),
            show=False,
            id="export.prev-mask",
            tooltip=N_("Highlight the previous masked address"),
        ),
        Binding(
            "k",
            "keep",
            N_("Keep"),
            id="export.keep",
            tooltip=N_("Leave the highlighted masked address as written (remembered for this incident)"),
        ),
        Binding(
            "u", "unkeep", N_("Unkeep"), show=False, id="export.unkeep", tooltip=N_("Mask again the value kept last")
        ),
        Binding("o", "focus_path", N_("File"), id="export.path", tooltip=N_("Type the file to write to")),
        Binding("ctrl+s", "write", N_("Write"), id="export.write", tooltip=N_("Write the previewed text to the file")),
        Binding(
            "b",
            "bundle",
            N_("Bundle"),
            id="export.bundle",
            tooltip=N_("Write one zip for support: summary, incident, attached files and MANIFEST.txt"),
        ),
        Binding(
            "c",
            "copy",
            N_("Copy Markdown"),
            id="export.copy",
            tooltip=N_("Copy the Markdown summary to the clipboard"),
        ),
    ]

    def __init__(self, store: Store, incident_id: str) -> None:
        super().__init__()
        self.store = store
        self.incident: Incident = store.load(incident_id)
        self.options = Options(keep=tuple(load_keep(store, incident_id)))
        self.export: Export | None = None
        """The export shown in the preview (None until it is built)."""
        self.current_mask: int | None = None
        """Which masked address is highlighted for `k` (an index of export.spans)."""
        self._default_path = self._suggested_path(self.options.fmt)

    def _suggested_path(self, fmt: str) -> str:
        """`<data folder>/exports/<id>.md` (or .toml), in full."""
        return str(default_export_path(self.store, self.incident.id, fmt))

    def compose(self) -> ComposeResult:
        yield Header()
        yield Paragraph(plain(_("Export: {title}").format(title=self.incident.title)), id="export-title")
        with Horizontal(id="export-options"):
            for name in OPTION_NAMES:
                yield Checkbox(option_label(name, False), id=f"opt-{name}")
        yield Paragraph(Content(_("Building the preview…")), id="export-status")
        yield Paragraph(Content(""), id="export-masks")
        with VerticalScroll(id="export-preview"):
            yield Static(Content(""), id="preview-text")
        with Horizontal(id="export-write"):
            yield Input(self._default_path, placeholder=_("file to write"), id="export-path")
            yield Button(Content(_("Write")), id="write-button", variant="primary")
            yield Button(Content(_("Copy Markdown")), id="copy-button")
        yield FittedFooter()

    def on_mount(self) -> None:
        self.query_one("#export-preview").focus()
        self.refresh_preview()

    # ------------------------------------------------------------------ preview

    def _build(self, options: Options) -> Export:
        return build_export(
            self.incident,
            fmt=options.fmt,
            redact=options.redact,
            include_notes=options.include_notes,
            now=clock.now(),
            evidence_dirs=evidence_dirs_for(self.store),
            keep=list(options.keep),
            lang=options.lang,
        )

    def refresh_preview(self) -> None:
        """Build the export for the current options (in a thread: redacting a long body
        takes a moment) and show it."""
        self.export = None
        self.query_one("#export-status", Static).update(Content(_("Building the preview…")))
        self._build_in_background(self.options)

    @work(thread=True, exclusive=True, group="export-preview")
    def _build_in_background(self, options: Options) -> None:
        try:
            export = self._build(options)
        except Exception as error:  # shown as one line; the screen stays usable
            self.app.call_from_thread(self._show_failure, options, error_line(error))
            return
        self.app.call_from_thread(self._show, options, export)

    def _show(self, options: Options, export: Export) -> None:
        if options != self.options:
            return  # the user changed an option meanwhile; a newer preview is coming
        self.export = export
        if self.current_mask is not None and self.current_mask >= len(export.spans):
            self.current_mask = len(export.spans) - 1 if export.spans else None
        self.query_one("#preview-text", Static).update(preview_content(export, self.current_mask))
        self.query_one("#export-status", Static).update(Content(self.status_line(export)))
        self.query_one("#export-masks", Static).update(masks_line(export, self.options.redact))

    def _show_failure(self, options: Options, message: str) -> None:
        if options == self.options:
            line = _("Cannot export: {error}").format(error=message)
            self.query_one("#export-status", Static).update(plain(line, "bold $error"))
            self.query_one("#preview-text", Static).update(Content(""))

    def status_line(self, export: Export) -> str:
        """What the preview holds, in one line."""
        bits = [_("TOML (imports back)") if export.format == "toml" else _("Markdown summary")]
        if self.options.redact:
            n = export.masked
            bits.append(
                ngettext("{n} address masked (highlighted)", "{n} addresses masked (highlighted)", n).format(n=n)
            )
        else:
            bits.append(_("not redacted"))
        bits.append(_("my notes included") if self.options.include_notes else _("my notes left out"))
        if export.format == "markdown":
            bits.append(_("labels in {language}").format(language=i18n.NAMES[self.options.lang]))
        n = len(export.text)
        bits.append(ngettext("{n} character", "{n} characters", n).format(n=f"{n:,}"))
        problems = len(export.evidence_problems)
        if problems:
            bits.append(
                ngettext(
                    "{n} evidence file missing or changed", "{n} evidence files missing or changed", problems
                ).format(n=problems)
            )
        return " · ".join(bits)

    # ------------------------------------------------------------------ options

    def action_toggle_option(self, which: str) -> None:
        box = self.query_one(f"#opt-{which}", Checkbox)
        box.value = not box.value  # Checkbox.Changed does the rest

    @on(Checkbox.Changed)
    def option_changed(self, event: Checkbox.Changed) -> None:
        name = (event.checkbox.id or "").removeprefix("opt-")
        if name in OPTION_NAMES:  # on/off in words, not only in colour
            event.checkbox.label = option_label(name, event.value)
        fmt = "markdown" if self.query_one("#opt-format", Checkbox).value else "toml"
        path = self.query_one("#export-path", Input)
        if fmt != self.options.fmt and path.value == self._default_path:
            self._default_path = path.value = self._suggested_path(fmt)
        self.options = Options(
            fmt=fmt,
            redact=self.query_one("#opt-redact", Checkbox).value,
            include_notes=self.query_one("#opt-notes", Checkbox).value,
            lang="ja" if self.query_one("#opt-lang", Checkbox).value else "en",
            keep=self.options.keep,
        )
        self.refresh_preview()

    # ------------------------------------------------------------------ what redaction keeps

    def action_mask(self, step: int) -> None:
        """Highlight the next (or previous) masked address and scroll to it."""
        export = self.export
        if export is None or not export.spans:
            nothing = _("Nothing is masked in this preview")
            tell(self.app, nothing + ("" if self.options.redact else " " + _("(r turns redaction on)")))
            return
        current = -1 if self.current_mask is None and step > 0 else (self.current_mask or 0)
        self.current_mask = (current + step) % len(export.spans)
        span = export.spans[self.current_mask]
        self.query_one("#preview-text", Static).update(preview_content(export, self.current_mask))
        line = export.text.count("\n", 0, span.start)
        self.query_one("#export-preview", VerticalScroll).scroll_to(y=max(0, line - 3), animate=False)
        value = export.masked_values.get(span.label, "")
        tell(self.app, _("{label} hides {value}: k keeps it as written").format(label=span.label, value=repr(value)))

    def action_keep(self) -> None:
        """Keep the highlighted masked address as written, in this and later exports of
        the incident."""
        export = self.export
        if export is None or self.current_mask is None or self.current_mask >= len(export.spans):
            tell(self.app, _("Highlight a masked address first (] goes to the next one)"))
            return
        label = export.spans[self.current_mask].label
        value = export.masked_values.get(label)
        if not value:
            return
        self._set_keep(
            (*self.options.keep, value),
            _("{value} is kept as written in this incident's exports (u masks it again)").format(value=repr(value)),
        )

    def action_unkeep(self) -> None:
        if not self.options.keep:
            tell(self.app, _("No value of yours is kept; the platform's own addresses always are"))
            return
        value = self.options.keep[-1]
        self._set_keep(self.options.keep[:-1], _("{value} is masked again").format(value=repr(value)))

    def _set_keep(self, values: tuple[str, ...], done: str) -> None:
        try:
            save_keep(self.store, self.incident.id, list(values))
        except Exception as error:
            tell(self.app, error_line(error), error=True)
            return
        self.options = replace(self.options, keep=tuple(values))
        tell(self.app, done)
        self.refresh_preview()

    # ------------------------------------------------------------------ writing

    def action_focus_path(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#write-button")
    def write_pressed(self) -> None:
        self.action_write()

    def action_write(self) -> None:
        """Write exactly the previewed text; an existing file is replaced only if confirmed."""
        export = self.export
        if export is None:
            tell(self.app, _("The preview is still being built; try again in a moment"))
            return
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            tell(self.app, _("Type the file to write first"), error=True)
            self.action_focus_path()
            return
        target = Path(text).expanduser()
        if not target.is_absolute():  # a bare name goes beside the default, in the exports folder
            target = Path(self._suggested_path(self.options.fmt)).parent / target
        try:
            written = write_export(target, export.text, force=False, store=self.store)
        except ExistsError:
            question = plain(_("{path} already exists. Replace it with this export?").format(path=target))

            def answered(replace: bool | None) -> None:
                if replace:
                    self._write(target, export, force=True)

            self.app.push_screen(ConfirmModal(question, yes=_("Replace"), no=_("Keep it")), answered)
            return
        except Exception as error:
            tell(self.app, error_line(error), error=True)
            return
        self._written(written, export)

    def _write(self, target: Path, export: Export, force: bool) -> None:
        try:
            written = write_export(target, export.text, force=force, store=self.store)
        except Exception as error:
            tell(self.app, error_line(error), error=True)
            return
        self._written(written, export)

    def _written(self, path: Path, export: Export) -> None:
        masked = ", " + _("{n} masked").format(n=export.masked) if self.options.redact else ""
        name, folder = file_and_folder(path.resolve())
        line = _("Wrote {name} ({format}) in {folder}").format(
            name=name, format=f"{export.format}{masked}", folder=folder
        )
        tell(self.app, line, whole=(name, folder))

    def action_copy(self) -> None:
        """Copy the Markdown summary (with the current options) to the clipboard."""
        export = self.export
        if export is None or export.format != "markdown":
            try:
                export = self._build(replace(self.options, fmt="markdown"))
            except Exception as error:
                tell(self.app, error_line(error), error=True)
                return
        if clipboard.send(self.app, export.text, _("the Markdown summary")):
            return
        target = Path(self._suggested_path("markdown"))
        question = plain(
            _("The Markdown summary is too large for the terminal's clipboard. Write it to {path} instead?").format(
                path=target
            )
        )
        chosen = export

        def answered(write: bool | None) -> None:
            if write:
                self._write(target, chosen, force=False)

        self.app.push_screen(ConfirmModal(question, yes=_("Write the file"), no=_("Cancel")), answered)

    @on(Button.Pressed, "#copy-button")
    def copy_pressed(self) -> None:
        self.action_copy()

    def action_back(self) -> None:
        self.dismiss(None)
