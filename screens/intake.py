"""Notice intake in the message form: a raw email pasted into the body, or an .eml file read
by path, fills the sender, subject and moment from its headers (`journal.eml` reads it).

The raw text is never lost without the user choosing so: they pick whether the body keeps
the raw email or only its text, `ctrl+z` in the body brings the raw text back, and the
SHA-256 of the raw email is kept with the message.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input

from journal.eml import ParsedEmail
from journal.i18n import N_, _
from screens.fields import SafeInput
from screens.hanging import Paragraph
from screens.modals import MODALS_TCSS, Dialog

BODY_ONLY = N_("Fill From, Subject and When; keep only the email's text as the body (ctrl+z brings the raw email back)")
KEEP_RAW = N_("Fill From, Subject and When; keep the raw email, headers and all, as the body")
AS_PASTED = N_("Leave it as pasted")
PASTE_CHOICES = (BODY_ONLY, KEEP_RAW, AS_PASTED)
"""The choices after a paste: English (the option ids), shown translated."""
PASTE_QUESTION = N_("This looks like a raw email (headers, a blank line, the body). Read its headers?")


def intake_notice(parsed: ParsedEmail, source: str) -> str:
    """One line telling what was read from the email, and what could not be (`source` in the
    app's language: a file name, or "the pasted email")."""
    bits = [_("Read From, Subject and When from {source}; the raw email's sha256 is kept").format(source=source)]
    if parsed.date_missing:
        bits.append(_("no readable Date: When is the time of intake, check it"))
    return _("; ").join(bits + parsed.notes[:2])


class EmlPathModal(Dialog[str | None]):
    """Ask for the path of an .eml file; gives back the typed path, or None."""

    CSS_PATH = [MODALS_TCSS, "intake.tcss"]
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="eml.cancel", tooltip=N_("Close without reading a file"))]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Paragraph(
                Content(_("Read an email file (.eml): its headers fill the form, its text the body")),
                classes="dialog-title",
            )
            yield SafeInput(
                "", id="eml-path", placeholder=_("path to the .eml file (~ allowed); enter reads it"), compact=True
            )

    def on_mount(self) -> None:
        self.query_one("#eml-path").focus()

    @on(Input.Submitted, "#eml-path")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
