"""The reply to support, built from the answered requests: an editable preview, $EDITOR, copy,
and one key to record it as sent."""

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

from journal.reply import Reply
from journal.timeparse import TimeParseError, parse_moment
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
    """The reply to support, ready to send: edit it here or in $EDITOR, copy it, then record
    it as a sent message (its moment becomes each answer's `answered_at`)."""

    DEFAULT_CSS = (
        "ReplyModal {" + MODAL_CSS + "} ReplyModal > Vertical { width: 110; height: 95%; }"
        " ReplyModal TextArea { height: 1fr; border: none; padding: 0; }"
        " ReplyModal .row { height: 1; } ReplyModal .row Label { width: 10; color: $text-muted; }"
        " ReplyModal .row Input { width: 1fr; } ReplyModal .hint { color: $text-muted; }"
    )
    BINDINGS = [
        Binding("ctrl+k", "copy", "Copy", id="reply.copy", tooltip="Copy the subject and the reply to the clipboard"),
        Binding("ctrl+o", "editor", "$EDITOR", id="reply.editor", tooltip="Edit the reply in your $EDITOR"),
        Binding("ctrl+s", "log", "Log as sent", id="reply.log",
                tooltip="Record the reply as a sent message; its moment becomes each answer's answered_at"),
        Binding("escape", "close", "Close", id="reply.close", tooltip="Close without recording anything"),
    ]

    def __init__(self, reply: Reply) -> None:
        super().__init__()
        self.reply = reply
        self.copied = False

    def compose(self) -> ComposeResult:
        count = len(self.reply.indexes)
        with Vertical():
            yield Static(Content(f"Reply to support: {count} answer{'s' if count != 1 else ''}"), classes="dialog-title")
            yield Static(Content.assemble(("Subject: ", "bold"), plain(self.reply.subject)), id="subject")
            yield SafeTextArea(self.reply.text, id="reply-text", soft_wrap=True)
            with Horizontal(classes="row"):
                yield Label(Content("Sent at"))
                yield SafeInput("now", id="sent-at", compact=True)
            yield Static(
                Content("ctrl+k copies · ctrl+o edits in $EDITOR · ctrl+s records it as sent (at 'Sent at') · escape closes"),
                classes="hint",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#reply-text", TextArea).focus()

    @property
    def text(self) -> str:
        return self.query_one("#reply-text", TextArea).text

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(f"Subject: {self.reply.subject}\n\n{self.text}")
        self.copied = True
        tell(self.app, f"Copied the reply ({len(self.text):,} characters) to the clipboard; paste it to support")

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
            tell(self.app, "The reply is empty; nothing was recorded", error=True)
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
