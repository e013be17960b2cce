"""A message to send, built from the record (the reply to support, a client note, an appeal,
a status request): an editable preview, $EDITOR, copy, and one key to record it as sent.
Before it is recorded, the text as it stands is checked with journal.outgoing and each hit
is shown with why; ctrl+s then asks once more."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static, TextArea

from journal.i18n import _
from journal.outgoing import OutgoingHit, check_outgoing
from journal.reply import Reply
from journal.timeparse import TimeParseError, parse_moment
from screens import clipboard
from screens.fields import SafeInput
from screens.forms.base import SafeTextArea
from screens.modals import MODAL_CSS
from screens.safe import error_line, plain, tell


@dataclass
class SentReply:
    """What the reply screen gives back when the user records the reply as sent."""

    text: str
    """The reply as finally sent (after any edit)."""
    at: datetime
    """When it was sent."""


class ReplyModal(ModalScreen[SentReply | None]):
    """A message ready to send: edit it here or in $EDITOR, copy it, then record it as a sent
    message (for the reply to support, its moment becomes each answer's `answered_at`).
    `title` heads the screen (default: the reply's count of answers); `language` is the
    outgoing check's for its reasons (en or ja)."""

    DEFAULT_CSS = (
        "ReplyModal {" + MODAL_CSS + "} ReplyModal > Vertical { width: 110; height: 95%; }"
        " ReplyModal TextArea { height: 1fr; border: none; padding: 0; }"
        " ReplyModal .row { height: 1; } ReplyModal .row Label { width: 10; color: $text-muted; }"
        " ReplyModal .row Input { width: 1fr; } ReplyModal .hint { color: $text-muted; }"
        " ReplyModal #outgoing-hits { height: auto; max-height: 6; }"
    )
    BINDINGS = [
        Binding("ctrl+k", "copy", "Copy", id="reply.copy", tooltip="Copy the subject and the reply to the clipboard"),
        Binding("ctrl+o", "editor", "$EDITOR", id="reply.editor", tooltip="Edit the reply in your $EDITOR"),
        Binding(
            "ctrl+s",
            "log",
            "Log as sent",
            id="reply.log",
            tooltip="Record the reply as a sent message; its moment becomes each answer's answered_at",
        ),
        Binding("escape", "close", "Close", id="reply.close", tooltip="Close without recording anything"),
    ]

    def __init__(self, reply: Reply, title: str | None = None, language: str = "en") -> None:
        super().__init__()
        self.reply = reply
        self.copied = False
        count = len(reply.indexes)
        self.title_text = title or f"Reply to support: {count} answer{'s' if count != 1 else ''}"
        self.language = language
        self.warned_text: str | None = None
        """The text whose outgoing-check hits were shown on a ctrl+s (a second ctrl+s records it)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Static(Content.assemble(("Subject: ", "bold"), plain(self.reply.subject)), id="subject")
            yield Static(id="outgoing-hits")
            yield SafeTextArea(self.reply.text, id="reply-text", soft_wrap=True)
            with Horizontal(classes="row"):
                yield Label(Content("Sent at"))
                yield SafeInput("now", id="sent-at", compact=True)
            yield Static(
                Content(
                    "ctrl+k copies · ctrl+o edits in $EDITOR · ctrl+s records it as sent (at 'Sent at') · escape closes"
                ),
                classes="hint",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#reply-text", TextArea).focus()
        self.show_hits()

    def hits(self) -> list[OutgoingHit]:
        """What the outgoing check finds in the subject and the text as they stand."""
        return check_outgoing(f"{self.reply.subject}\n\n{self.text}", self.language)

    def show_hits(self) -> list[OutgoingHit]:
        """Show each hit with why above the text (nothing when clean); returns them."""
        found = self.hits()
        lines = [Content.styled(f"{len(found)} thing(s) a platform may read as dealing outside it:", "bold $warning")]
        lines += [Content.assemble(("  ! ", "bold $warning"), plain(hit.line())) for hit in found[:4]]
        if len(found) > 4:
            lines.append(Content(f"  … and {len(found) - 4} more"))
        widget = self.query_one("#outgoing-hits", Static)
        widget.update(Content("\n").join(lines) if found else Content(""))
        widget.display = bool(found)
        return found

    @on(TextArea.Changed)
    def text_changed(self) -> None:
        self.show_hits()

    @property
    def text(self) -> str:
        return self.query_one("#reply-text", TextArea).text

    def action_copy(self) -> None:
        if clipboard.send(self.app, f"Subject: {self.reply.subject}\n\n{self.text}", _("the reply")):
            self.copied = True
        else:
            tell(self.app, _("Open it in your $EDITOR (ctrl+o) to save it as a file, or shorten it"), error=True)

    def action_editor(self) -> None:
        from journal.userfiles import edit_in_editor

        area = self.query_one("#reply-text", TextArea)
        try:
            with self.app.suspend():
                text = edit_in_editor(area.text)
        except Exception as error:  # no editor, suspend not supported (e.g. in tests)
            tell(self.app, error_line(error), error=True)
            return
        if text is not None:
            area.load_text(text)
        area.focus()

    def action_log(self) -> None:
        raw = self.query_one("#sent-at", Input).value.strip() or "now"
        try:
            at = parse_moment(raw)
        except TimeParseError as error:
            tell(self.app, f"Sent at: {error}", error=True)
            return
        if not self.text.strip():
            tell(self.app, "The text is empty; nothing was recorded", error=True)
            return
        found = self.show_hits()
        if found and self.warned_text != self.text:
            self.warned_text = self.text
            tell(
                self.app,
                f"{len(found)} outgoing warning(s), shown above: edit the text, or ctrl+s again to record "
                "it as sent anyway",
                error=True,
            )
            return
        if not self.copied:
            self.action_copy()
        self.dismiss(SentReply(text=self.text, at=at))

    @on(Input.Submitted)
    def sent_at_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_log()

    def action_close(self) -> None:
        self.dismiss(None)
